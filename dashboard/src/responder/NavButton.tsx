// "Navigate to the home" on the responder's phone: a big button that unfolds a button per map app, each opening the
// app at the home (shared/map-links.ts). The phone cannot tell which apps are installed, so the responder picks; the
// last one, the geo: link, lets Android offer every map app it has. Nothing without a location on the record.

import { t } from '../shared/i18n.js';
import { MapAppLinks } from '../shared/ui/MapLinks.js';
import type { RecordState } from './state.js';

export function NavButton({ record }: { record: RecordState | undefined }) {
  if (record === undefined || record === 'loading' || record instanceof Error || !record.location) return null;
  return (
    <details class="r-nav" data-testid="r-nav">
      <summary class="r-nav-button" data-testid="r-nav-button">
        <span aria-hidden="true" class="r-nav-mark">
          ➤
        </span>
        {t('map.navigate')}
      </summary>
      <p class="r-nav-hint">{t('map.navigateHint')}</p>
      <MapAppLinks target={record} big />
    </details>
  );
}
