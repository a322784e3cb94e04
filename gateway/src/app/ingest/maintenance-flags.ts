import type { Logger } from 'pino';
import type { TaskReason } from '../../../../schemas/index.js';
import type { Decision } from '../../core/decisions.js';
import type { ElderState } from '../../core/elder-state.js';
import { openTask } from '../../core/tasks/task-factory.js';
import type { RegisteredDevice } from '../directories/device-registry.js';
import type { DeviceTrafficMetrics } from '../ports/metrics.port.js';
import type { RuleRunner } from '../decisions/rule-runner.js';

// A device that sends what the gateway refuses (`malformed_messages`) or floods alarms (`message_flood`) needs a
// technician: it gets a maintenance visit on the desk's task board, one open per device (task-factory.ts), like a
// flat battery or a dead link. Opened in the commit of the message that shows it when that message is applied, or
// in a run of its own when the message is refused.

export type MisbehaviourReason = Extract<TaskReason, 'malformed_messages' | 'message_flood'>;

/** How often a device whose messages keep being refused is checked for its visit again. */
const FLAG_AGAIN_AFTER_MS = 10 * 60_000;

/** The decisions that open the device's visit, and whether they do (one open per device: none when it is open already). */
export function maintenanceVisit(state: ElderState, now: number, reason: MisbehaviourReason): { decisions: Decision[]; opens: boolean } {
  const decisions = openTask(state, now, { kind: 'maintenance', reason });
  return { decisions, opens: decisions.some((d) => d.kind === 'createTask') };
}

export function createMaintenanceFlags(deps: { rules: RuleRunner; metrics: DeviceTrafficMetrics; logger: Logger; clock: () => number }) {
  const { metrics, logger } = deps;
  /** When each (reason, device) was last checked in a run of its own. */
  const checkedAt = new Map<string, number>();

  function opened(device: RegisteredDevice, reason: MisbehaviourReason): void {
    metrics.devicesFlagged.inc({ reason });
    logger.warn({ deviceId: device.id, reason }, 'device flagged for maintenance');
  }

  return {
    /** After the commit of a run whose decisions opened the visit (decide-on-message.ts). */
    opened,

    /** Opens the visit in a run of its own (a refused message commits nothing else); at most once in a while per device. */
    async flag(device: RegisteredDevice, reason: MisbehaviourReason): Promise<void> {
      const key = `${reason}:${device.id}`;
      const now = deps.clock();
      const last = checkedAt.get(key);
      if (last !== undefined && now >= last && now - last < FLAG_AGAIN_AFTER_MS) return;
      checkedAt.set(key, now);
      let opens = false;
      try {
        await deps.rules.run({
          elderId: device.elderId,
          deviceId: device.id,
          evaluate: (state, at) => {
            const visit = maintenanceVisit(state, at, reason);
            opens = visit.opens;
            return visit.decisions;
          },
        });
        if (opens) opened(device, reason);
      } catch (err) {
        // The refusal stands either way; the device's next refused message tries again.
        checkedAt.delete(key);
        logger.error({ err, deviceId: device.id }, 'maintenance visit for a misbehaving device not opened');
      }
    },
  };
}

export type MaintenanceFlags = ReturnType<typeof createMaintenanceFlags>;
