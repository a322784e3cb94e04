import type { Logger } from 'pino';
import { OPEN_ALERT_STATUSES, type DeviceCommandStatus } from '../../../../schemas/index.js';
import type { Alert } from '../../core/alerts/alert.js';
import { timelineNoteOf } from '../../core/device-commands/command-wire.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { AlertStore, AlertWithElder } from '../ports/store/alerts.port.js';
import type { DeviceCommandRecord } from '../ports/store/device-commands.port.js';

// A command made for an alert shows on the alert's timeline when it is made and when it ends ("locate → done"), the
// way a note is added (alert.service.ts addNote): an update that leaves the alert as it is, committed through the
// elder's rule runner so it is ordered with everything else that happens to the alert, open or closed.

function withoutJoins(alert: AlertWithElder): Alert {
  const core: Partial<AlertWithElder> = { ...alert };
  delete core.elder;
  delete core.assignee;
  return core as Alert;
}

export function createCommandTimeline(deps: { store: AlertStore; rules: RuleRunner; logger: Logger }) {
  const logger = deps.logger.child({ module: 'device-commands' });

  return {
    /** Never throws: the command is on record whatever becomes of the line on the timeline. */
    async note(command: DeviceCommandRecord, status: DeviceCommandStatus, actor: string, reason?: string | null): Promise<void> {
      if (command.alertId === null) return;
      const alertId = command.alertId;
      try {
        const read = await deps.store.getAlert(alertId);
        if (!read) return;
        const closed = OPEN_ALERT_STATUSES.includes(read.status) ? null : withoutJoins(read);
        await deps.rules.run({
          elderId: read.elderId,
          deviceId: null,
          actor,
          evaluate: (state, now) => {
            const current = state.openAlerts.find((a) => a.id === alertId) ?? closed;
            // Closed between the read and now: the next line (or none) tells it; the command's record has it all.
            if (!current) return [];
            const entry = { alertId, at: now, action: 'device_command' as const, actor, note: timelineNoteOf(command.type, status, reason) };
            return [{ kind: 'update', alert: { ...current }, previousStatus: current.status, entry }];
          },
        });
      } catch (err) {
        logger.warn({ err, commandId: command.id, alertId }, 'command not noted on the alert timeline');
      }
    },
  };
}

export type CommandTimeline = ReturnType<typeof createCommandTimeline>;
