// The <option>s of a select of codes, labelled in the current language. `placeholder` puts a first option of value
// "" before them: "choose…" (true) when a required select needs a deliberate choice, or a label of its own ("all"
// in a filter). `selected` is the initial choice of an uncontrolled select; a controlled one sets its `value`.

import { t } from '../i18n.js';

interface CodeOptionsProps<C extends string> {
  codes: readonly C[];
  labelOf: (code: C) => string;
  placeholder?: boolean | string;
  selected?: C;
}

export function CodeOptions<C extends string>({ codes, labelOf, placeholder = false, selected }: CodeOptionsProps<C>) {
  return (
    <>
      {placeholder === false ? null : <option value="">{placeholder === true ? t('form.choose') : placeholder}</option>}
      {codes.map((code) => (
        <option key={code} value={code} selected={selected === undefined ? undefined : code === selected}>
          {labelOf(code)}
        </option>
      ))}
    </>
  );
}
