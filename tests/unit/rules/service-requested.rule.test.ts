import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES, type ServiceType } from '../../../schemas/index.js';
import { serviceRequested } from '../../../gateway/src/core/rules/alarms/service-requested.rule.js';
import { applyDecisions, deviceFacts, asDevice, elderState, T0 } from '../../support/elder-state.js';

describe('service requested', () => {
  it.each(SERVICE_TYPES.map((service) => ({ service })))('when the green key asks for $service, then a service task opens and no alert', ({ service }) => {
    const decisions = serviceRequested({ service }, elderState({ deviceId: 'btn-1' }), T0);
    expect(decisions).toEqual([
      {
        kind: 'createTask',
        task: { id: 'id-1', kind: 'service', reason: 'service_request', status: 'open', test: false, elderId: 'elder-1', deviceId: 'btn-1', alertId: null, service, dedupKey: `service:${service}`, period: null, periodEndsAt: null, attempt: null, visitModes: null, visitMode: null, assigneeId: null, dueAt: null, createdAt: T0, assignedAt: null, acceptedAt: null, completedAt: null, completedBy: null, outcome: null, note: null, causeClearedAt: null, causeClearedNote: null },
      },
    ]);
  });

  it('when the same service is requested again while the first is open, then no second task opens', () => {
    const state = elderState();
    const first = applyDecisions(state, serviceRequested({ service: 'meals' }, state, T0));
    const again = serviceRequested({ service: 'meals' }, first.state, T0 + 60_000);
    expect(again).toEqual([{ kind: 'ignore', reason: 'task_already_open' }]);
    expect(applyDecisions(first.state, again, first).tasks).toHaveLength(1);
  });

  it('when a different service is requested while one is open, then it gets its own task', () => {
    const state = elderState();
    const first = applyDecisions(state, serviceRequested({ service: 'meals' }, state, T0));
    const second = applyDecisions(first.state, serviceRequested({ service: 'ride' }, first.state, T0 + 1_000), first);
    expect(second.tasks.map((t) => t.service)).toEqual<ServiceType[]>(['meals', 'ride']);
  });

  it('when the earlier request was done, then the same service can be requested again', () => {
    const state = elderState();
    const first = applyDecisions(state, serviceRequested({ service: 'cleaning' }, state, T0));
    const done = applyDecisions(first.state, [], { ...first, tasks: first.tasks.map((t) => ({ ...t, status: 'done' as const, completedAt: T0 + 1_000 })) });
    expect(serviceRequested({ service: 'cleaning' }, done.state, T0 + 86_400_000)).toEqual([expect.objectContaining({ kind: 'createTask' })]);
  });

  it('when a button in test mode asks, then the task is marked test and does not block a real request', () => {
    const state = elderState({ deviceId: 'btn-1', otherDevices: [deviceFacts('btn-test', 'call_button', null, true)] });
    const fromTest = asDevice(state, 'btn-test');
    const test = applyDecisions(fromTest, serviceRequested({ service: 'doctor' }, fromTest, T0));
    expect(test.tasks).toEqual([expect.objectContaining({ test: true, dedupKey: 'test:service:doctor' })]);
    const real = asDevice(test.state, 'btn-1');
    expect(serviceRequested({ service: 'doctor' }, real, T0 + 1_000)).toEqual([expect.objectContaining({ kind: 'createTask', task: expect.objectContaining({ test: false }) })]);
  });
});
