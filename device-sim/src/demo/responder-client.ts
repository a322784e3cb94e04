import {
  alertListReplySchema,
  alertViewSchema,
  taskListReplySchema,
  taskViewSchema,
  type AlertView,
  type ResolutionReason,
  type TaskOutcome,
  type TaskView,
} from '../../../schemas/index.js';
import { GatewayApiError, login, request } from '../gateway-client.js';

// What a responder's phone does over REST, for the demo's simulated responders: their open alerts and tasks (a
// responder's list holds only what was dispatched or assigned to them), and the steps of the care workflow. A token
// the gateway no longer takes (12 h passed, the account's sessions ended) is replaced by logging in again once.

export interface ResponderAccount {
  username: string;
  password: string;
}

export interface ResponderClient {
  readonly username: string;
  /** Alerts dispatched to this responder and still open (dispatched or on site). */
  myOpenAlerts(): Promise<AlertView[]>;
  /** Tasks assigned to this responder, not yet done. */
  myOpenTasks(): Promise<TaskView[]>;
  acceptAlert(id: string): Promise<AlertView>;
  declineAlert(id: string, reason: string): Promise<AlertView>;
  arrive(id: string): Promise<AlertView>;
  resolveAlert(id: string, reason: ResolutionReason, note: string): Promise<AlertView>;
  acceptTask(id: string): Promise<TaskView>;
  completeTask(id: string, outcome: TaskOutcome, note: string): Promise<TaskView>;
}

export async function connectResponder(baseUrl: string, account: ResponderAccount): Promise<ResponderClient> {
  let token = await login(baseUrl, account.username, account.password);
  type Method = 'GET' | 'POST';
  const call = async (method: Method, path: string, body?: unknown): Promise<unknown> => {
    try {
      return await request(baseUrl, method, path, token, body);
    } catch (err) {
      if (!(err instanceof GatewayApiError && err.status === 401)) throw err;
      token = await login(baseUrl, account.username, account.password);
      return request(baseUrl, method, path, token, body);
    }
  };
  const alertStep = async (id: string, step: string, body?: unknown) =>
    alertViewSchema.parse(await call('POST', `/api/v1/alerts/${encodeURIComponent(id)}/${step}`, body));
  const taskStep = async (id: string, step: string, body?: unknown) =>
    taskViewSchema.parse(await call('POST', `/api/v1/tasks/${encodeURIComponent(id)}/${step}`, body));

  return {
    username: account.username,
    async myOpenAlerts() {
      return alertListReplySchema.parse(await call('GET', '/api/v1/alerts?status=open&mine=true&limit=100')).items;
    },
    async myOpenTasks() {
      return taskListReplySchema.parse(await call('GET', '/api/v1/tasks?status=open&mine=true&limit=100')).items;
    },
    acceptAlert: (id) => alertStep(id, 'accept'),
    declineAlert: (id, reason) => alertStep(id, 'decline', { reason }),
    arrive: (id) => alertStep(id, 'arrive'),
    resolveAlert: (id, reason, note) => alertStep(id, 'resolve', { reason, note }),
    acceptTask: (id) => taskStep(id, 'accept'),
    completeTask: (id, outcome, note) => taskStep(id, 'complete', { outcome, note }),
  };
}
