// The duty officer's sign-in. The submit also unlocks the browser's sound: it runs inside the user's click or
// Enter, the gesture browsers require before a page may beep.

import { useEffect, useRef, useState } from 'preact/hooks';
import { loginErrorMessage } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import * as sound from '../shared/sound.js';
import { signIn } from './session.js';
import { loginError } from './state/desk-state.js';

export function LoginForm() {
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const error = loginError.value;

  // the password again after a wrong one or an expired session, else the username
  useEffect(() => {
    const field = form.current?.elements.namedItem(error ? 'password' : 'username');
    if (field instanceof HTMLInputElement) field.focus();
  }, [error]);

  async function submit(ev: SubmitEvent) {
    ev.preventDefault();
    sound.unlock();
    const fields = ev.currentTarget as HTMLFormElement;
    const username = (fields.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (fields.elements.namedItem('password') as HTMLInputElement).value;
    setBusy(true);
    try {
      await signIn(username, password);
    } catch (err) {
      loginError.value = loginErrorMessage(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="login">
      <form ref={form} class="login-form" data-testid="login-form" autocomplete="on" onSubmit={submit}>
        <h2>{t('login.heading')}</h2>
        <label>
          <span>{t('login.username')}</span>
          <input name="username" data-testid="login-username" autocomplete="username" required maxLength={100} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input name="password" type="password" data-testid="login-password" autocomplete="current-password" required maxLength={200} />
        </label>
        <p class="form-error" data-testid="login-error" role="alert" hidden={!error}>
          {error ? t(...error) : ''}
        </p>
        <button type="submit" class="primary" data-testid="login-submit" disabled={busy}>
          {t(busy ? 'login.busy' : 'login.submit')}
        </button>
      </form>
    </section>
  );
}
