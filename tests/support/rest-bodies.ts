import type { ZodType } from 'zod';
import {
  ackBodySchema,
  answerComplaintBodySchema,
  assignComplaintBodySchema,
  assignTaskBodySchema,
  callAlertBodySchema,
  callAttemptBodySchema,
  callServiceRequestBodySchema,
  cancelTaskBodySchema,
  careProfileBodySchema,
  closeComplaintBodySchema,
  completeTaskBodySchema,
  createCallBodySchema,
  createComplaintBodySchema,
  createDeviceBodySchema,
  createDeviceCommandBodySchema,
  createElderBodySchema,
  createIntegrationTokenBodySchema,
  createRegionBodySchema,
  createServiceRequestBodySchema,
  createUserBodySchema,
  declineBodySchema,
  dispatchBodySchema,
  falseAlarmBodySchema,
  handoverNoteBodySchema,
  holdBodySchema,
  alertNoteBodySchema,
  linkCallBodySchema,
  loginBodySchema,
  moveDeviceBodySchema,
  noteBodySchema,
  registerFromCallBodySchema,
  replaceDeviceBodySchema,
  resolveBodySchema,
  retireDeviceBodySchema,
  setAwayBodySchema,
  telephonyIncomingBodySchema,
  testModeBodySchema,
  updateElderBodySchema,
  updateUserBodySchema,
  visitPolicyBodySchema,
} from '../../schemas/index.js';

// Every REST body schema (schemas/rest.ts, schemas/call.ts) with one body it accepts, for the hostile-input tests to
// mutate. Ids in the bodies are placeholders; a test against a running gateway puts real ones in. A route whose body
// may be left out (`.nullish()` on the route) has the same here, so that `null` counts as a body it takes.

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
    'device command': { schema: createDeviceCommandBodySchema, valid: { type: 'play_message', text: '请按时吃药', ttlSeconds: 600 } },
    // Device management (issue 22).
    'retire device': { schema: retireDeviceBodySchema, valid: { reason: '设备损坏' } },
    'replace device': { schema: replaceDeviceBodySchema, valid: { newId: 'btn-new-1', reason: '换新' } },
    'move device': { schema: moveDeviceBodySchema, valid: { elderId: 'e1', room: '卧室' } },
    ack: { schema: ackBodySchema, valid: { note: 'calling' } },
    dispatch: { schema: dispatchBodySchema, valid: { responderId: 'u1' } },
    decline: { schema: declineBodySchema, valid: { reason: 'busy' } },
    resolve: { schema: resolveBodySchema, valid: { reason: 'handled_on_site', note: 'ok' } },
    'false alarm': { schema: falseAlarmBodySchema, valid: { note: 'cat' } },
    hold: { schema: holdBodySchema, valid: { reason: 'family coming', minutes: 15 } },
    note: { schema: noteBodySchema, valid: { note: 'x' } },
    'alert note': { schema: alertNoteBodySchema, valid: { note: 'family called back' } },
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
    // The telephone (issue 19).
    'create call': {
      schema: createCallBodySchema,
      valid: { direction: 'inbound', line: '12349', callerNumber: '+86 138-0000-0000', elderId: 'e1', category: 'question', note: '问助餐时间' },
    },
    'call alert': { schema: callAlertBodySchema.nullish(), valid: { priority: 'P1', note: '老人说摔倒了' } },
    'call service request': { schema: callServiceRequestBodySchema, valid: { service: 'shopping', note: '买米' } },
    'link call': { schema: linkCallBodySchema, valid: { elderId: 'e1' } },
    'register from call': { schema: registerFromCallBodySchema.nullish(), valid: { name: '李爷爷', address: '幸福社区5号', phone: '0571-8888 6666' } },
    'call attempt': { schema: callAttemptBodySchema, valid: { party: 'contact:0', outcome: 'no_answer', note: '无人接听' } },
    'create complaint': { schema: createComplaintBodySchema, valid: { elderId: 'e1', subject: 'provider', subjectName: '阳光助餐', statement: '饭菜送晚了' } },
    'assign complaint': { schema: assignComplaintBodySchema, valid: { ownerId: 'u1' } },
    'answer complaint': { schema: answerComplaintBodySchema, valid: { answer: '已联系助餐点' } },
    'close complaint': { schema: closeComplaintBodySchema, valid: { followUpCallId: 'c1', note: '满意' } },
    'create integration token': { schema: createIntegrationTokenBodySchema, valid: { name: '县呼叫中心', regionId: 'r' } },
    'telephony incoming': { schema: telephonyIncomingBodySchema, valid: { callerNumber: '13800000000', line: '12349', externalId: 'pbx-1' } },
    // The shift handover (issue 20).
    'handover note': { schema: handoverNoteBodySchema, valid: { note: '家属明早八点来电' } },
    // The visit policy (issue 21).
    'visit policy': { schema: visitPolicyBodySchema, valid: { rules: [{ group: 'living_alone', assessmentLevel: null, frequency: 'monthly', modes: ['door'] }] } },
  }) satisfies Record<string, RestBody>;
