// A device's commands, newest first: the type and its parameters, a status chip (排队中 … 已完成 / 失败 / 已过期), when
// it was sent and ended, who sent it (and for which alert), and what came back: a position as "lat, lon ±m" with
// the map links the elder's record has, a snapshot reference as a link, the device's reason for a failure.

import type { DeviceCommandView } from '../../../../../schemas/index.js';
import { errorMessage } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import { ListStatus } from '../../../shared/ui/ListStatus.js';
import { MapAppLinks } from '../../../shared/ui/MapLinks.js';
import { Phrase, Typed } from '../../../shared/ui/Typed.js';
import { now } from '../../state/desk-state.js';
import { commandWords, parameterWords, positionOf, snapshotOf, statusWords, whenWords } from '../device-words.js';
import type { CommandHistory as History } from './use-command-history.js';

export function StatusChip({ status }: { status: string }) {
  return (
    <span class={`command-status status-${status}`} data-testid="command-status" data-status={status}>
      {statusWords(status)}
    </span>
  );
}

/** What the device sent back, or why it failed. */
export function CommandResult({ command, title }: { command: DeviceCommandView; title: string }) {
  const position = positionOf(command);
  const snapshot = snapshotOf(command);
  return (
    <span class="command-result" data-testid="command-result">
      {position ? (
        <>
          <span class="command-position" data-testid="command-position">
            {t('devices.hist.position', { lat: position.lat.toFixed(5), lon: position.lon.toFixed(5), m: position.accuracyM === null ? '?' : Math.round(position.accuracyM) })}
          </span>
          <MapAppLinks target={{ name: title, address: '', location: { lat: position.lat, lng: position.lon } }} />
        </>
      ) : null}
      {snapshot ? (
        /^https?:\/\//.test(snapshot) ? (
          <a href={snapshot} target="_blank" rel="noopener noreferrer" data-testid="command-snapshot">
            {t('devices.hist.snapshot')}
          </a>
        ) : (
          <Typed class="command-snapshot" value={snapshot} testid="command-snapshot" />
        )
      ) : null}
      {command.failureReason ? <Phrase class="command-failure" k="devices.hist.failure" vars={{ reason: <Typed value={command.failureReason} /> }} /> : null}
    </span>
  );
}

function Row({ command, title }: { command: DeviceCommandView; title: string }) {
  const params = parameterWords(command);
  return (
    <tr data-testid="command-row" data-command-id={command.id} data-status={command.status}>
      <td>
        <strong>{commandWords(command.type)}</strong>
        {params ? <Typed class="command-params" value={params} /> : null}
        {command.alertId ? <span class="muted"> · {t('devices.hist.alert', { id: command.alertId })}</span> : null}
      </td>
      <td>
        <StatusChip status={command.status} />
        {command.sendCount > 1 ? <span class="muted"> {t('devices.hist.sendCount', { n: command.sendCount })}</span> : null}
      </td>
      <td class="num">{whenWords(command.createdAt, now.value)}</td>
      <td class="num">{whenWords(command.finishedAt, now.value)}</td>
      <td>
        <CommandResult command={command} title={title} />
      </td>
    </tr>
  );
}

export function CommandHistory({ history, title, onMore }: { history: History; title: string; onMore: () => void }) {
  return (
    <div class="command-history" data-testid="command-history">
      <ListStatus failed={history.error !== null ? errorMessage(history.error) : null} loading={history.state === 'loading'} empty={history.state === 'ok' && history.items.length === 0 ? t('devices.panel.historyEmpty') : null} />
      {history.items.length > 0 ? (
        <table class="ledger-table command-table">
          <thead>
            <tr>
              <th>{t('devices.hist.col.type')}</th>
              <th>{t('devices.hist.col.status')}</th>
              <th>{t('devices.hist.col.created')}</th>
              <th>{t('devices.hist.col.finished')}</th>
              <th>{t('devices.hist.col.result')}</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((command) => (
              <Row key={command.id} command={command} title={title} />
            ))}
          </tbody>
        </table>
      ) : null}
      {history.nextCursor ? (
        <button type="button" class="more small" data-testid="command-more" onClick={onMore}>
          {t('devices.hist.more')}
        </button>
      ) : null}
    </div>
  );
}
