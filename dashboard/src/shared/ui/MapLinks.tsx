// Links that open a map app at the elder's home (shared/map-links.ts builds them): a part of the elder's record on the
// desk, and the buttons behind the responder's "navigate" on the phone. Nothing at all when the home has no location:
// the address above is what there is.

import type { GeoPoint } from '../../../../schemas/index.js';
import { t } from '../i18n.js';
import { mapLinks, type MapLink } from '../map-links.js';
import '../../styles/elder-record.css';

/** What a map link needs of an elder (the record, or an alert's elder with the record's location). */
export interface MapTarget {
  name: string;
  address: string;
  location: GeoPoint | null;
}

/** The app's page opens in a new tab, so the desk or the responder's live page stays; geo: is handed to the phone. */
function MapAppLink({ link, big }: { link: MapLink; big: boolean }) {
  const web = link.app !== 'geo';
  return (
    <a
      class={big ? `map-link map-link-big map-${link.app}` : `map-link map-${link.app}`}
      href={link.href}
      data-testid="map-link"
      data-app={link.app}
      {...(web ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
    >
      {t(`map.app.${link.app}`)}
    </a>
  );
}

/** The links of every map app to the home; null without a location. `big` makes them thumb-sized buttons. */
export function MapAppLinks({ target, big = false }: { target: MapTarget; big?: boolean }) {
  if (!target.location) return null;
  const links = mapLinks({ location: target.location, title: target.name, detail: target.address });
  return (
    <span class={big ? 'map-apps map-apps-big' : 'map-apps'} data-testid="map-links" data-lat={target.location.lat} data-lng={target.location.lng}>
      {links.map((link) => (
        <MapAppLink key={link.app} link={link} big={big} />
      ))}
    </span>
  );
}

/** The record's "location" part: the coordinates to read out (to an ambulance, say) and a link per map app. */
export function MapLinksPart({ target, Title }: { target: MapTarget; Title: 'h3' | 'h4' }) {
  if (!target.location) return null;
  return (
    <section class="record-part record-map" data-testid="elder-location">
      <Title class="record-title">{t('map.title')}</Title>
      <span class="map-coords">{t('map.coords', { lat: target.location.lat.toFixed(6), lng: target.location.lng.toFixed(6) })}</span>
      <MapAppLinks target={target} />
    </section>
  );
}
