// The elder's record in the alert detail (GET /elders/:id). Name and address come with the alert, so they show at
// once; the phone, risk and community head the shared record parts once the request answers.

import { getElder } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { CallLink, ElderRecordParts, Fact, riskText } from '../../shared/ui/ElderRecord.js';
import { ElderIdentityFacts } from '../../shared/ui/ElderIdentityFacts.js';
import { Typed } from '../../shared/ui/Typed.js';
import type { Elder } from '../../../../schemas/index.js';
import type { Alert } from '../../model/alert-book.js';
import { regions } from '../state/desk-state.js';
import { LoadStatus } from './LoadStatus.js';
import { useLoad } from './use-load.js';

/**
 * The elder's phone, risk and community, then who the elder is (groups, age, sex, assessment, consent): the head of
 * the record wherever the desk shows it (detail, home panel).
 */
export function RecordFacts({ elder }: { elder: Elder }) {
  const risk = riskText(elder);
  const community = regions.value.get(elder.regionId)?.name ?? null;
  return (
    <dl class="record-facts">
      {elder.phone ? (
        <Fact label={t('detail.phone')}>
          <CallLink phone={elder.phone} testid="elder-call" />
        </Fact>
      ) : null}
      {risk ? (
        <Fact label={t('detail.risk')}>
          <span class="risk">{risk}</span>
        </Fact>
      ) : null}
      {community ? (
        <Fact label={t('detail.community')}>
          <Typed class="region-name" value={community} />
        </Fact>
      ) : null}
      <ElderIdentityFacts elder={elder} />
    </dl>
  );
}

export function ElderRecord({ elder }: { elder: Alert['elder'] }) {
  const record = useLoad(elder.id, (session) => getElder(session, elder.id));
  return (
    <div class="detail-record" data-testid="detail-record">
      <p class="detail-who">
        <Typed class="elder-name" testid="elder-name" value={elder.name} />
        <Typed class="elder-address" value={elder.address} />
      </p>
      {record.state === 'ok' ? (
        <ElderRecordParts elder={record.value} facts={<RecordFacts elder={record.value} />} titleTag="h4" />
      ) : (
        <LoadStatus loaded={record} />
      )}
    </div>
  );
}
