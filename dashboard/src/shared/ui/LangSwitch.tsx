// 中文 / EN. Each button is labelled in its own language, so either is found whatever the page shows.

import { lang, setLang, t, type Lang } from '../i18n.js';

const CHOICES: Array<[Lang, string, string]> = [
  ['zh-CN', 'lang-zh', '中文'],
  ['en', 'lang-en', 'EN'],
];

export function LangSwitch() {
  return (
    <div class="lang-switch" role="group" data-testid="lang-switch" aria-label={t('lang.label')}>
      {CHOICES.map(([code, testid, label]) => (
        <button key={code} type="button" data-lang={code} data-testid={testid} lang={code} aria-pressed={lang.value === code} onClick={() => setLang(code)}>
          {label}
        </button>
      ))}
    </div>
  );
}
