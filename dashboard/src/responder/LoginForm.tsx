// The responder's sign-in. The submit also unlocks the page's sound: it is inside the user's tap, so the browser
// lets the dispatch beep sound later.

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { unlock } from '../shared/sound.js';
import { signIn } from './session.js';
import { loginError } from './state.js';

export function LoginForm() {
  const [busy, setBusy] = useState(false);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const error = loginError.value;

  // after an expired session the name is still right: the password is what to type
  useEffect(() => {
    (error ? password : username).current?.focus();
  }, []);

  async function submit(ev: SubmitEvent) {
    ev.preventDefault();
    unlock();
    const form = ev.currentTarget as HTMLFormElement;
    const name = username.current?.value.trim() ?? '';
    const secret = password.current?.value ?? '';
    setBusy(true);
    try {
      await signIn(name, secret);
    } finally {
      setBusy(false);
    }
    if (!loginError.peek()) form.reset();
  }

  return (
    <section class="login">
      <form class="login-form" data-testid="login-form" autocomplete="on" onSubmit={submit}>
        <h2>{t('login.headingResponder')}</h2>
        <label>
          <span>{t('login.username')}</span>
          <input ref={username} name="username" data-testid="login-username" autocomplete="username" autocapitalize="none" required maxLength={100} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input ref={password} name="password" type="password" data-testid="login-password" autocomplete="current-password" required maxLength={200} />
        </label>
        {error ? (
          <p class="form-error" data-testid="login-error" role="alert">
            {t(...error)}
          </p>
        ) : null}
        <button type="submit" class="primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
