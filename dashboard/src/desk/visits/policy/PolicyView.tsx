// The visit policy table (探访政策): from an elder's group and capability assessment to how often they are visited and
// which ways count. Everyone sees it; admins edit it — change, add and remove rows and save the whole table. Problems
// are said next to their row before anything is sent, and the gateway's own refusals in words after. The shipped
// default is marked as such, unsaved edits are marked (here and on the tab) and survive a switch to another tab.

import { useEffect } from 'preact/hooks';
import { formatDateTime, t } from '../../../shared/i18n.js';
import { actorText } from '../../../shared/labels.js';
import { ListStatus } from '../../../shared/ui/ListStatus.js';
import { Typed } from '../../../shared/ui/Typed.js';
import { me, names, token } from '../../state/desk-state.js';
import { blankRule, ruleProblems } from './policy-draft.js';
import { discardDraft, draft, editDraft, justSaved, loadPolicy, policyLoad, savedPolicy, saveDraft, saveError, saving, startEditing, unsaved } from './policy-state.js';
import { EditRow, ReadOnlyRow } from './PolicyRow.js';

function Provenance() {
  const policy = savedPolicy.value;
  if (!policy) return null;
  if (policy.updatedAt === null) {
    return (
      <span class="badge policy-default" data-testid="policy-default">
        {t('visits.policy.default')}
      </span>
    );
  }
  // the gateway may name the admin as an actor ("user:wang") or by username alone
  const by = policy.updatedBy ?? '';
  return (
    <span class="policy-updated" data-testid="policy-updated">
      {t('visits.policy.updated', { time: formatDateTime(new Date(policy.updatedAt).toISOString()) })} <Typed value={actorText(by.includes(':') ? by : `user:${by}`, names.value)} />
    </span>
  );
}

export function PolicyView() {
  const admin = me.value?.role === 'admin';
  const load = policyLoad.value;
  const policy = savedPolicy.value;
  const rows = draft.value;
  const session = token.value;
  useEffect(() => {
    // the saved table is asked again on each visit (and once the session is back after a reload), unless edits are
    // waiting: they were made against the one shown
    if (session && draft.peek() === null) void loadPolicy();
  }, [session]);
  const problems = rows ? ruleProblems(rows) : [];
  const error = saveError.value;
  return (
    <section class="visit-policy" data-testid="visit-policy" data-state={load.state} data-editing={String(rows !== null)} data-unsaved={String(unsaved.value)} aria-labelledby="policy-heading">
      <div class="reports-head">
        <h2 id="policy-heading">{t('visits.policy.heading')}</h2>
        <Provenance />
        {unsaved.value ? (
          <span class="badge unsaved" data-testid="policy-unsaved">
            {t('visits.policy.unsaved')}
          </span>
        ) : null}
        {justSaved.value && rows === null ? (
          <span class="policy-saved" role="status" data-testid="policy-saved">
            {t('visits.policy.saved')}
          </span>
        ) : null}
      </div>
      <p class="policy-note">{t('visits.policy.note')}</p>
      <ListStatus failed={load.state === 'failed' ? load.error : null} loading={load.state === 'loading' && policy === null} empty={null} />
      {policy ? (
        <div class="report-panel">
          <div class="table-scroll">
            <table class="report-table policy-table">
              <thead>
                <tr>
                  <th scope="col">{t('visits.policy.col.group')}</th>
                  <th scope="col">{t('visits.policy.col.level')}</th>
                  <th scope="col">{t('visits.policy.col.frequency')}</th>
                  <th scope="col">{t('visits.policy.col.modes')}</th>
                  <th scope="col" class="view-cell">
                    <span class="visually-hidden">{t('visits.policy.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows
                  ? rows.map((rule, i) => (
                      <EditRow
                        key={rule.key}
                        rule={rule}
                        index={i}
                        problem={problems[i] ?? null}
                        onChange={(next) => editDraft((all) => all.map((r) => (r.key === rule.key ? next : r)))}
                        onRemove={() => editDraft((all) => all.filter((r) => r.key !== rule.key))}
                      />
                    ))
                  : policy.rules.map((rule, i) => <ReadOnlyRow key={i} rule={rule} index={i} />)}
              </tbody>
            </table>
          </div>
          {(rows ?? policy.rules).length === 0 ? <p class="empty">{t('visits.policy.empty')}</p> : null}
          {admin ? (
            <div class="policy-actions">
              {rows ? (
                <>
                  <button type="button" data-testid="policy-add" onClick={() => editDraft((all) => [...all, blankRule()])}>
                    {t('visits.policy.add')}
                  </button>
                  <button type="button" class="primary" data-testid="policy-save" disabled={saving.value || !unsaved.value} onClick={() => void saveDraft()}>
                    {t(saving.value ? 'visits.policy.saving' : 'visits.policy.save')}
                  </button>
                  <button type="button" data-testid="policy-discard" disabled={saving.value} onClick={discardDraft}>
                    {t(unsaved.value ? 'visits.policy.discard' : 'visits.policy.stopEditing')}
                  </button>
                </>
              ) : (
                <button type="button" data-testid="policy-edit" onClick={startEditing}>
                  {t('visits.policy.edit')}
                </button>
              )}
              {error ? (
                <span class="form-error" role="alert" data-testid="policy-save-error">
                  {t(error[0], error[1])}
                </span>
              ) : null}
            </div>
          ) : (
            <p class="policy-readonly" data-testid="policy-readonly">
              {t('visits.policy.readOnly')}
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
