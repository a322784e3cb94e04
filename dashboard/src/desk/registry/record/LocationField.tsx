// The home's coordinates: latitude and longitude boxes (WGS-84, as a phone's GPS gives them), "30.27,120.15" pasted
// whole into either box fills both, and the map apps' links (shared/map-links.ts) to check the point before saving.

import { t } from '../../../shared/i18n.js';
import { MapAppLinks } from '../../../shared/ui/MapLinks.js';
import { pastedPoint } from './record-form.js';

interface LocationFieldProps {
  lat: string;
  lng: string;
  name: string;
  address: string;
  onChange: (point: { lat: string; lng: string }) => void;
}

export function LocationField({ lat, lng, name, address, onChange }: LocationFieldProps) {
  function typed(which: 'lat' | 'lng', text: string) {
    const both = pastedPoint(text);
    onChange(both ?? { lat: which === 'lat' ? text : lat, lng: which === 'lng' ? text : lng });
  }
  const point = { lat: Number(lat), lng: Number(lng) };
  const usable = lat.trim() !== '' && lng.trim() !== '' && Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180 && Number.isFinite(point.lat) && Number.isFinite(point.lng);
  return (
    <div class="record-location">
      <div class="record-row">
        <label>
          <span>{t('record.lat')}</span>
          <input data-testid="record-lat" inputMode="decimal" maxLength={40} value={lat} onInput={(ev) => typed('lat', ev.currentTarget.value)} />
        </label>
        <label>
          <span>{t('record.lng')}</span>
          <input data-testid="record-lng" inputMode="decimal" maxLength={40} value={lng} onInput={(ev) => typed('lng', ev.currentTarget.value)} />
        </label>
        <button type="button" class="small" data-testid="record-location-clear" disabled={lat === '' && lng === ''} onClick={() => onChange({ lat: '', lng: '' })}>
          {t('record.locationClear')}
        </button>
      </div>
      <p class="field-hint">{t('record.locationHint')}</p>
      {usable ? (
        <p class="record-map-check">
          <span>{t('record.mapCheck')}</span> <MapAppLinks target={{ name, address, location: point }} />
        </p>
      ) : null}
    </div>
  );
}
