import type { ServiceType } from '../../../../../schemas/index.js';
import type { Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { openTask } from '../../tasks/task-factory.js';

// The green key asks for a service (meals, cleaning, a ride...). It is work for the community, never an alarm:
// an alarm would pull the duty desk away from emergencies for a lunch order. One open request per service, so
// pressing again while the first is open adds nothing.

export function serviceRequested(event: { service: ServiceType }, state: ElderState, now: number): Decision[] {
  return openTask(state, now, { kind: 'service', reason: 'service_request', service: event.service });
}
