// Signing out from the top bar, alike on both pages; each page ends its own session.

import { t } from '../i18n.js';

export function LogoutButton({ onLogout }: { onLogout: () => void }) {
  return (
    <button type="button" class="tool" data-testid="logout-button" onClick={onLogout}>
      {t('logout')}
    </button>
  );
}
