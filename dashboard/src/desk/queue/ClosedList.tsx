// "Recently closed": a strip under the queue, folded to one line with its count, opened on a click. The alerts the
// server says closed in the last 12 hours (recently-closed.ts) and those this page saw close since, newest first;
// a click on one shows it in the side pane.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.js';
import { alerts, alertsRev, selectedAlertId, token } from '../state/desk-state.js';
import { ClosedRow } from './ClosedRow.js';
import { closedLoad, loadRecentlyClosed } from './recently-closed.js';

export function ClosedList() {
  void alertsRev.value;
  const [open, setOpen] = useState(false);
  const session = token.value;
  useEffect(() => {
    void loadRecentlyClosed();
  }, [session]);
  const closed = alerts.closedSorted();
  const load = closedLoad.value?.state;
  const status = load === 'loading' ? t('qclosed.loading') : load === 'failed' ? t('qclosed.failed') : closed.length === 0 ? t('qclosed.empty') : null;
  return (
    <section class={open ? 'closed-section open' : 'closed-section'} aria-labelledby="closed-heading" data-testid="closed-section" data-load={load ?? ''}>
      <h2 id="closed-heading" class="closed-top">
        <button type="button" class="closed-toggle" aria-expanded={open} data-testid="closed-toggle" onClick={() => setOpen(!open)}>
          <span class="fold-mark" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {t('qclosed.heading')} <span class="count-pill">{t('qclosed.count', { n: closed.length })}</span>
        </button>
      </h2>
      {/* drawn while folded too (hidden), so what is in it can be checked and found */}
      <div class="closed-body" hidden={!open}>
        {status ? <p class="empty">{status}</p> : null}
        <ol class="closed" data-testid="closed-list">
          {closed.map((alert) => (
            <ClosedRow key={alert.id} alert={alert} assignee={alerts.assigneeOf(alert)} selected={alert.id === selectedAlertId.value} />
          ))}
        </ol>
      </div>
    </section>
  );
}
