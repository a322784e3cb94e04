import type { CallLine, ElderLookupItem } from '../../../../schemas/index.js';
import { normalisePhone } from '../../core/calls/phone-number.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { LiveEvents } from '../ports/live-events.port.js';
import type { TelephoneMetrics } from '../ports/metrics.port.js';
import type { IntegrationTokenRecord } from '../ports/store/phone/integration-tokens.port.js';

// A softphone or PBX announces a ringing call (the telephony hook): the number is normalised, looked up among the
// elders and their contacts of the token's region, and the desks that should pick up hear `call.incoming` with the
// caller's record. Which desks: those of the best match's region; when nobody matches, every desk that may take the
// call (every desk of a county-wide token, the desks of a town's token's town). Nothing is stored: the operator
// records the call when they answer it, with the PBX's externalId.

/** Matches carried in the event: the desk shows a short list, and an event must stay small for the cluster link. */
const MAX_MATCHES = 5;
const PHONE_MATCHES: ReadonlySet<string> = new Set(['phone', 'contact_phone']);

export interface IncomingCall {
  callerNumber: string;
  line: CallLine;
  externalId?: string | undefined;
}

export function createTelephonyService(deps: {
  /** Elders whose own or a contact's number is `canonicalNumber`, best first, within the region path. */
  lookupByPhone: (canonicalNumber: string, regionPath: string, limit: number) => ElderLookupItem[] | Promise<ElderLookupItem[]>;
  regions: RegionDirectory;
  live: LiveEvents;
  metrics: Pick<TelephoneMetrics, 'callsAnnounced'>;
  clock: () => number;
  /** The county's area code, for a PBX that gives local numbers without it. */
  areaCode?: string | undefined;
}) {
  const { regions, live, metrics, clock } = deps;

  return {
    async incoming(token: IntegrationTokenRecord, call: IncomingCall): Promise<{ matched: number }> {
      const callerNumber = normalisePhone(call.callerNumber, deps.areaCode === undefined ? {} : { areaCode: deps.areaCode });
      if (callerNumber === null) throw new AppError('PHONE_INVALID');
      const region = regions.get(token.regionId);
      // A token whose region is gone reaches nobody rather than everybody.
      if (!region) throw new AppError('INTEGRATION_TOKEN_INVALID');
      const found = await deps.lookupByPhone(callerNumber, region.path, MAX_MATCHES);
      const byPhone = found.filter((m) => m.matchedOn.some((on) => PHONE_MATCHES.has(on)));
      const best = byPhone[0];
      // The desks of the best match's region hear it; other matches go along only from within that region, so a
      // number shared across towns (one son, two parents) never shows one town's elder on the other town's desk.
      const bestPath = best ? (regions.pathOf(best.regionId) ?? null) : null;
      const matches = bestPath === null ? [] : byPhone.filter((m) => (regions.pathOf(m.regionId) ?? '').startsWith(bestPath)).slice(0, MAX_MATCHES);
      // Nobody matched: a county-wide token rings every desk (null); a town's token rings its own desks.
      const regionId = best && bestPath !== null ? best.regionId : region.parentId === null ? null : region.id;
      live.publish({
        type: 'call.incoming',
        regionId,
        call: { callerNumber, line: call.line, externalId: call.externalId ?? null, at: new Date(clock()).toISOString(), matches },
      });
      metrics.callsAnnounced.inc({ matched: matches.length > 0 ? 'yes' : 'no' });
      return { matched: matches.length };
    },
  };
}

export type TelephonyService = ReturnType<typeof createTelephonyService>;
