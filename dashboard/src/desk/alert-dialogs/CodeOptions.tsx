// The <option>s of a select of codes, labelled in the current language; with a first empty "choose…" option when
// a required select needs a deliberate choice. `selected` is the initial choice; the select stays uncontrolled.

import { t } from '../../shared/i18n.js';

interface CodeOptionsProps {
  codes: readonly string[];
  labelOf: (code: string) => string;
  placeholder?: boolean;
  selected?: string;
}

export function CodeOptions({ codes, labelOf, placeholder = false, selected }: CodeOptionsProps) {
  return (
    <>
      {placeholder ? <option value="">{t('form.choose')}</option> : null}
      {codes.map((code) => (
        <option key={code} value={code} selected={code === selected}>
          {labelOf(code)}
        </option>
      ))}
    </>
  );
}
