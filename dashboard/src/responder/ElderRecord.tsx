// The elder's record under an alert or an unfolded task: the way there (a "navigate" button, unless the card shows
// its own higher up), the elder's own number as a big call button, then the shared record parts (risk, access notes,
// contacts, medical notes).

import { t } from '../shared/i18n.js';
import { CallLink, ElderRecordParts, Fact, riskText } from '../shared/ui/ElderRecord.js';
import { NavButton } from './NavButton.js';
import type { RecordState } from './state.js';

export function RecordBlock({ record, nav = true }: { record: RecordState | undefined; nav?: boolean }) {
  if (record === undefined || record === 'loading') return <p class="record-status">{t('r.loadingRecord')}</p>;
  if (record instanceof Error) return <p class="record-status warn">{t('r.recordFailed')}</p>;
  const risk = riskText(record);
  const facts = risk ? (
    <dl class="record-facts">
      <Fact label={t('detail.risk')}>
        <span class="risk">{risk}</span>
      </Fact>
    </dl>
  ) : null;
  return (
    <div class="r-record">
      {nav ? <NavButton record={record} /> : null}
      {record.phone ? <CallLink phone={record.phone} testid="elder-call" label={t('r.callElder')} /> : null}
      <ElderRecordParts elder={record} facts={facts} titleTag="h3" mapLinks={false} />
    </div>
  );
}
