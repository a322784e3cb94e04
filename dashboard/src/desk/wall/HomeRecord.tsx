// The elder's record on the home's panel (GET /elders/:id): the elder's phone, risk and community (as in the detail), then the shared record parts:
// where the home is with links to the map apps, how to get in, whom to call, the medical notes.

import { getElder } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { ElderRecordParts } from '../../shared/ui/ElderRecord.js';
import { RecordFacts } from '../detail/ElderRecord.js';
import { useLoad } from '../detail/use-load.js';

export function HomeRecord({ elderId }: { elderId: string }) {
  const record = useLoad(elderId, (session) => getElder(session, elderId));
  return (
    <section class="home-part" data-testid="home-record">
      <h3 class="home-title">{t('home.record')}</h3>
      {record.state === 'loading' ? <p class="home-none">{t('home.recordLoading')}</p> : null}
      {record.state === 'failed' ? <p class="home-none warn">{t('home.recordFailed')}</p> : null}
      {record.state === 'ok' ? <ElderRecordParts elder={record.value} facts={<RecordFacts elder={record.value} />} titleTag="h4" /> : null}
    </section>
  );
}
