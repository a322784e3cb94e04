// The supervisor's actions on a complaint: take it on, record the answer given to the caller, and close it after the
// follow-up call — which is a call of its own on record (outbound, supervision line, to whoever complained), so
// closing says which call it was. Each reads the list again; a failure goes to the desk's notice line.

import type { ComplaintView } from '../../../../schemas/index.js';
import { answerComplaint, assignComplaint, closeComplaint, createCall, getCall } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { me, showNotice } from '../state/desk-state.js';
import { loadComplaints } from './complaints-state.js';
import { phoneErrorMessage, withSession } from '../phone/phone-request.js';

async function run(action: (session: string) => Promise<unknown>, done: string): Promise<void> {
  try {
    await withSession(action);
    showNotice(done);
  } catch (err) {
    const [key, vars] = phoneErrorMessage(err);
    showNotice(key, vars);
  }
  await loadComplaints();
}

export const takeComplaint = (complaint: ComplaintView) => {
  const mine = me.peek()?.id;
  if (mine) void run((session) => assignComplaint(session, complaint.id, mine), 'complaints.done.taken');
};

export const answer = (complaint: ComplaintView, text: string) => void run((session) => answerComplaint(session, complaint.id, text), 'complaints.done.answered');

export const closeAfterFollowUp = (complaint: ComplaintView, note: string) =>
  void run(async (session) => {
    // the follow-up goes to whoever complained: the number, name and address of the call that brought it
    const first = complaint.callId ? await getCall(session, complaint.callId) : null;
    const elderId = complaint.elder?.id ?? first?.elder?.id;
    const call = await createCall(session, {
      direction: 'outbound',
      line: 'supervision',
      category: 'complaint',
      ...(first?.callerNumber ? { callerNumber: first.callerNumber } : {}),
      ...(elderId ? { elderId } : { callerName: first?.callerName ?? t('complaints.caller'), ...(first?.address ? { address: first.address } : {}) }),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    return closeComplaint(session, complaint.id, call.id, note);
  }, 'complaints.done.closed');
