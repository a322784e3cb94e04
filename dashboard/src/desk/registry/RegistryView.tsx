// The registry (名册): the elders of the desk's region, filtered by name or ID-number tail, group, town or community,
// assessment and 高龄, two hundred at a time with "more" (a county holds some 20,000); a line opens the elder's
// record beside the list, to edit, or their ledger (台账). "New elder" opens an empty record, "import" the import
// of a civil-affairs list (desk/registry-import, in the same place); the export takes every
// elder of the filters as the civil-affairs list (full ID numbers, audited). The filters stay while the operator
// visits other tabs (a module signal).

import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { Elder } from '../../../../schemas/index.js';
import { errorMessage } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { useFileExport } from '../../shared/ui/use-file-export.js';
import { ImportPanel } from '../registry-import/ImportPanel.js';
import { ElderTable } from './ElderTable.js';
import { LedgerView } from './ledger/LedgerView.js';
import { ElderForm } from './record/ElderForm.js';
import { defaultRegistryFilter, type RegistryFilter } from './registry-filter.js';
import { downloadRegistry, PAGE_SIZE } from './registry-request.js';
import { RegistryFilters } from './RegistryFilters.js';
import { useRegistryPages } from './use-registry-pages.js';
import '../../styles/registry.css';

const filterState = signal<RegistryFilter>(defaultRegistryFilter());

type Panel = { kind: 'none' } | { kind: 'new' } | { kind: 'import' } | { kind: 'record' | 'ledger'; elder: Elder };

function ExportButtons({ filter }: { filter: RegistryFilter }) {
  const { busy, failed, save } = useFileExport((format) => downloadRegistry(filter, format));
  return (
    <span class="registry-export" role="group" title={t('registry.exportHint')}>
      <button type="button" class="small" data-testid="registry-export-csv" disabled={busy !== null} onClick={() => void save('csv')}>
        {t('registry.exportCsv')}
      </button>
      <button type="button" class="small" data-testid="registry-export-xlsx" disabled={busy !== null} onClick={() => void save('xlsx')}>
        {t('registry.exportXlsx')}
      </button>
      {failed ? (
        <span class="form-error" role="alert">
          {t(failed[0], failed[1])}
        </span>
      ) : null}
    </span>
  );
}

function SidePanel({ panel, onPanel, onSaved, onImported }: { panel: Panel; onPanel: (p: Panel) => void; onSaved: (elder: Elder) => void; onImported: () => void }) {
  if (panel.kind === 'none') return null;
  const close = () => onPanel({ kind: 'none' });
  return (
    <aside class="registry-panel" data-testid="registry-panel">
      <div class="registry-panel-top">
        {panel.kind === 'record' || panel.kind === 'ledger' ? (
          <div class="registry-panel-tabs" role="tablist">
            {(['record', 'ledger'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                role="tab"
                aria-selected={panel.kind === kind}
                class={panel.kind === kind ? 'panel-tab current' : 'panel-tab'}
                data-testid={`registry-panel-${kind}`}
                onClick={() => onPanel({ kind, elder: panel.elder })}
              >
                {t(kind === 'record' ? 'registry.tabRecord' : 'registry.tabLedger')}
              </button>
            ))}
          </div>
        ) : (
          <span />
        )}
        <button type="button" class="small" data-testid="registry-panel-close" onClick={close}>
          {t('registry.close')}
        </button>
      </div>
      {panel.kind === 'import' ? (
        <ImportPanel onDone={onImported} onClose={close} />
      ) : panel.kind === 'ledger' ? (
        <LedgerView elder={panel.elder} />
      ) : (
        <ElderForm key={panel.kind === 'new' ? 'new' : panel.elder.id} elder={panel.kind === 'new' ? null : panel.elder} onSaved={onSaved} onCancel={close} />
      )}
    </aside>
  );
}

export function RegistryView() {
  const filter = filterState.value;
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [generation, setGeneration] = useState(0);
  const { pages, more, replace } = useRegistryPages(filter, generation);
  const failed = pages.error !== null ? errorMessage(pages.error) : null;
  const selectedId = panel.kind === 'record' || panel.kind === 'ledger' ? panel.elder.id : null;

  function saved(elder: Elder) {
    replace(elder);
    // a new record stays open, now as the elder's record, so the operator can go on (the ledger, a correction)
    setPanel((p) => (p.kind === 'ledger' ? p : { kind: 'record', elder }));
  }

  return (
    <section class="registry-view" data-testid="registry-view" aria-labelledby="registry-heading">
      <div class="registry-head">
        <h2 id="registry-heading">{t('registry.heading')}</h2>
        {pages.state === 'ok' ? (
          <span class="count-pill" data-testid="registry-count">
            {pages.nextCursor ? t('registry.countMore', { n: pages.items.length }) : t('registry.count', { n: pages.items.length })}
          </span>
        ) : null}
        <span class="registry-actions">
          <button type="button" class="primary small" data-testid="registry-new" onClick={() => setPanel({ kind: 'new' })}>
            {t('registry.new')}
          </button>
          <button type="button" class="small" data-testid="registry-import" onClick={() => setPanel({ kind: 'import' })}>
            {t('registry.import')}
          </button>
          <ExportButtons filter={filter} />
        </span>
      </div>
      <RegistryFilters filter={filter} onChange={(change) => (filterState.value = { ...filterState.value, ...change })} />
      <div class={panel.kind === 'none' ? 'registry-body' : 'registry-body with-panel'}>
        <div class="registry-results">
          <ListStatus failed={failed} loading={pages.state === 'loading' && pages.items.length === 0} empty={pages.state === 'ok' && pages.items.length === 0 ? t('registry.empty') : null} />
          {pages.items.length > 0 ? (
            <ElderTable items={pages.items} selectedId={selectedId} stale={pages.state === 'loading'} onSelect={(elder) => setPanel((p) => ({ kind: p.kind === 'ledger' ? 'ledger' : 'record', elder }))} />
          ) : null}
          {pages.nextCursor ? (
            <button type="button" class="more" data-testid="registry-more" disabled={pages.loadingMore} onClick={more}>
              {t('registry.more', { n: PAGE_SIZE })}
            </button>
          ) : null}
        </div>
        {panel.kind === 'none' && pages.items.length > 0 ? <p class="registry-hint">{t('registry.pickHint')}</p> : <SidePanel panel={panel} onPanel={setPanel} onSaved={saved} onImported={() => setGeneration((g) => g + 1)} />}
      </div>
    </section>
  );
}
