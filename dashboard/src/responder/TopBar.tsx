// The top bar: the page's name, who is signed in, the gateway's pulse, the language and signing out.

import { LANGS, lang, setLang, t } from '../shared/i18n.js';
import { Typed } from '../shared/ui/Typed.js';
import { PulseIndicator } from './LinkStatus.js';
import { endSession } from './session-end.js';
import { me } from './state.js';

const LANG_NAMES = { 'zh-CN': '中文', en: 'EN' } as const;

function LangSwitch() {
  return (
    <div class="lang-switch" role="group" data-testid="lang-switch" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          data-testid={code === 'en' ? 'lang-en' : 'lang-zh'}
          aria-pressed={lang.value === code}
          onClick={() => setLang(code)}
        >
          {LANG_NAMES[code]}
        </button>
      ))}
    </div>
  );
}

export function TopBar() {
  const who = me.value;
  return (
    <header class="topbar">
      <h1>{t('responder.title')}</h1>
      <div class="topbar-tools">
        {who ? <Typed class="me person" value={who.displayName} testid="me-label" /> : null}
        <PulseIndicator />
        <LangSwitch />
        {who ? (
          <button type="button" class="tool" data-testid="logout-button" onClick={() => endSession()}>
            {t('logout')}
          </button>
        ) : null}
      </div>
    </header>
  );
}
