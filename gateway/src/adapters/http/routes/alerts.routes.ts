import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ackBodySchema,
  alertDetailSchema,
  alertIdParamsSchema,
  alertListQuerySchema,
  alertListReplySchema,
  alertNoteBodySchema,
  alertViewSchema,
  declineBodySchema,
  dispatchBodySchema,
  errorReplySchema,
  falseAlarmBodySchema,
  holdBodySchema,
  responderSuggestionListSchema,
  resolveBodySchema,
} from '../../../../../schemas/index.js';
import type { AlertService } from '../../../app/alerts/alert.service.js';
import { sessionOf } from '../authenticate.js';

// The alert's life: the desk acknowledges, dispatches, holds, resolves or calls it a false alarm; the responder
// accepts, declines, arrives and resolves; either adds notes. 409 ALERT_TRANSITION_INVALID when the alert's status does not allow it.

const transitionReplies = {
  200: alertViewSchema,
  400: errorReplySchema,
  401: errorReplySchema,
  403: errorReplySchema,
  404: errorReplySchema,
  409: errorReplySchema,
};
const tags = ['alerts'];

export const alertRoutes: FastifyPluginAsyncZod<{ alerts: AlertService }> = async (app, { alerts }) => {
  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary:
          'Alerts of your region by status, newest first, a page at a time (status: open = raised, acknowledged, dispatched, on site, on hold; closed = resolved, false alarm, cancelled, cleared; all; one status; or a comma list); filters elderId, type, regionId (inside yours), from, to; a responder gets those dispatched to them',
        querystring: alertListQuerySchema,
        response: { 200: alertListReplySchema, 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => alerts.list(sessionOf(request), request.query),
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        tags,
        summary: 'One alert with its timeline (who did what, when, and the notes)',
        params: alertIdParamsSchema,
        response: { 200: alertDetailSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => alerts.get(sessionOf(request), request.params.id),
  );

  app.get(
    '/alerts/:id/suggestions',
    {
      schema: {
        tags,
        summary: "Responders to send, best first: the elder's own, same community, on duty, fewest open assignments",
        params: alertIdParamsSchema,
        response: { 200: responderSuggestionListSchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema },
      },
    },
    async (request) => ({ items: await alerts.suggestions(sessionOf(request), request.params.id) }),
  );

  const action = <B>(path: string, summary: string, body: B) => ({ path, schema: { tags, summary, params: alertIdParamsSchema, body, response: transitionReplies } });

  const ack = action('/alerts/:id/ack', 'Acknowledge a raised alert', ackBodySchema);
  app.post(ack.path, { schema: ack.schema }, async (request) => alerts.acknowledge(sessionOf(request), request.params.id, request.body?.note ?? null));

  const dispatch = action('/alerts/:id/dispatch', 'Send a responder (acknowledges a raised alert); test alerts are never dispatched', dispatchBodySchema);
  app.post(dispatch.path, { schema: dispatch.schema }, async (request) => alerts.dispatch(sessionOf(request), request.params.id, request.body.responderId));

  // Accept and arrive carry no body: their schema has none, so fastify takes an empty POST.
  const bodiless = (summary: string) => ({ tags, summary, params: alertIdParamsSchema, response: transitionReplies });
  app.post('/alerts/:id/accept', { schema: bodiless('The responder takes the dispatched alert') }, async (request) =>
    alerts.accept(sessionOf(request), request.params.id),
  );

  const decline = action('/alerts/:id/decline', 'The responder cannot go; the next responder is sent, or it returns to the desk', declineBodySchema);
  app.post(decline.path, { schema: decline.schema }, async (request) => alerts.decline(sessionOf(request), request.params.id, request.body?.reason ?? null));

  app.post('/alerts/:id/arrive', { schema: bodiless('The responder is on site') }, async (request) => alerts.arrive(sessionOf(request), request.params.id));

  const resolve = action('/alerts/:id/resolve', 'Resolve with a reason and an optional note', resolveBodySchema);
  app.post(resolve.path, { schema: resolve.schema }, async (request) =>
    alerts.resolve(sessionOf(request), request.params.id, request.body.reason, request.body.note ?? null),
  );

  const falseAlarm = action('/alerts/:id/false-alarm', 'Close as a false alarm, with a note', falseAlarmBodySchema);
  app.post(falseAlarm.path, { schema: falseAlarm.schema }, async (request) => alerts.markFalseAlarm(sessionOf(request), request.params.id, request.body.note));

  // Not a transition: the alert stays as it is, open or closed, and the note joins its timeline (actor user:<name>).
  const note = action('/alerts/:id/notes', 'Add a free note to the timeline (open or closed alert), by the desk or the responder it is dispatched to', alertNoteBodySchema);
  app.post(note.path, { schema: note.schema }, async (request) => alerts.addNote(sessionOf(request), request.params.id, request.body.note));

  const hold = action('/alerts/:id/hold', 'Put on hold for a while with a reason; it returns to the queue when the time is up', holdBodySchema);
  app.post(hold.path, { schema: hold.schema }, async (request) => alerts.hold(sessionOf(request), request.params.id, request.body.reason, request.body.minutes));
};
