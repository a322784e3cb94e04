import type { ZodType } from 'zod';
import {
  ackBodySchema,
  assignTaskBodySchema,
  cancelTaskBodySchema,
  careProfileBodySchema,
  completeTaskBodySchema,
  createDeviceBodySchema,
  createElderBodySchema,
  createRegionBodySchema,
  createServiceRequestBodySchema,
  createUserBodySchema,
  declineBodySchema,
  dispatchBodySchema,
  falseAlarmBodySchema,
  holdBodySchema,
  loginBodySchema,
  noteBodySchema,
  resolveBodySchema,
  setAwayBodySchema,
  testModeBodySchema,
  updateElderBodySchema,
  updateUserBodySchema,
} from '../../schemas/index.js';

// Every REST body schema (schemas/rest.ts) with one body it accepts, for the hostile-input tests to mutate. Ids in
// the bodies are placeholders; a test against a running gateway puts real ones in.

export interface RestBody {
  schema: ZodType;
  valid: Record<string, unknown>;
}

/** A fresh table on each call, so that a test may fill in ids without touching another's. */
export const restBodies = () =>
  ({
    login: { schema: loginBodySchema, valid: { username: 'admin', password: 'x' } },
    'create elder': { schema: createElderBodySchema, valid: { name: '王奶奶', address: '幸福社区1号', contacts: [{ name: '王小明', relation: '儿子', phone: '13800000000' }] } },
    'update elder': { schema: updateElderBodySchema, valid: { phone: '13800000000', accessNotes: '钥匙在邻居家' } },
    'create device': { schema: createDeviceBodySchema, valid: { elderId: 'e1', kind: 'camera', id: 'cam-1', room: '203' } },
    'care profile': { schema: careProfileBodySchema, valid: { riskCategory: 'alone', thresholdOverrides: { heartRateHigh: 120, daytimeStart: '07:00' } } },
    'set away': { schema: setAwayBodySchema, valid: { until: '2026-12-01T00:00:00+08:00', reason: 'hospital' } },
    'test mode': { schema: testModeBodySchema, valid: { minutes: 30 } },
    ack: { schema: ackBodySchema, valid: { note: 'calling' } },
    dispatch: { schema: dispatchBodySchema, valid: { responderId: 'u1' } },
    decline: { schema: declineBodySchema, valid: { reason: 'busy' } },
    resolve: { schema: resolveBodySchema, valid: { reason: 'handled_on_site', note: 'ok' } },
    'false alarm': { schema: falseAlarmBodySchema, valid: { note: 'cat' } },
    hold: { schema: holdBodySchema, valid: { reason: 'family coming', minutes: 15 } },
    note: { schema: noteBodySchema, valid: { note: 'x' } },
    'assign task': { schema: assignTaskBodySchema, valid: { responderId: 'u1' } },
    'complete task': { schema: completeTaskBodySchema, valid: { outcome: 'visited', note: 'fine' } },
    'cancel task': { schema: cancelTaskBodySchema, valid: { reason: 'duplicate' } },
    'service request': { schema: createServiceRequestBodySchema, valid: { elderId: 'e1', service: 'meals' } },
    'create region': { schema: createRegionBodySchema, valid: { name: '幸福社区', level: 'community', parentId: 'town-1' } },
    'create user': {
      schema: createUserBodySchema,
      valid: { username: 'nurse1', displayName: '护士', password: 'long-enough-pw', role: 'responder', regionId: 'r', responderKind: 'nurse' },
    },
    'update user': { schema: updateUserBodySchema, valid: { onDuty: true } },
  }) satisfies Record<string, RestBody>;
