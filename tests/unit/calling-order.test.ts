import { describe, expect, it } from 'vitest';
import { attemptNote, callingOrder, callingParties, type CallingAttempt } from '../../gateway/src/core/calls/calling-order.js';

// Whom the desk calls during an alarm and who is next: the elder, then the contacts in their listed order.

const elder = {
  name: '张秀英',
  phone: '13812340000',
  contacts: [
    { name: '张伟', relation: '儿子', phone: '13812345678' },
    { name: '李芳', relation: '邻居', phone: '13912345678' },
    { name: '王强', relation: '侄子', phone: '13712345678' },
  ],
};
const parties = callingParties(elder);

let n = 0;
const attempt = (party: string, outcome: CallingAttempt['outcome'], at: number): CallingAttempt => ({ callId: `call-${(n += 1)}`, party, at, outcome, operator: '值班员甲' });

describe('calling order', () => {
  it('when nobody has been called yet, then the elder comes first, the contacts follow in their listed order, and the elder is next', () => {
    const order = callingOrder(parties, []);
    expect(order.parties.map((p) => p.party)).toEqual(['elder', 'contact:0', 'contact:1', 'contact:2']);
    expect(order.parties.map((p) => p.name)).toEqual(['张秀英', '张伟', '李芳', '王强']);
    expect(order.next).toBe('elder');
    expect(order.answeredBy).toBeNull();
  });

  it('when the elder and the first contact did not answer, then the second contact is next and each party lists its own attempts', () => {
    const order = callingOrder(parties, [attempt('contact:0', 'busy', 2000), attempt('elder', 'no_answer', 1000)]);
    expect(order.next).toBe('contact:1');
    expect(order.parties[0]?.attempts.map((a) => a.outcome)).toEqual(['no_answer']);
    expect(order.parties[1]?.attempts.map((a) => a.outcome)).toEqual(['busy']);
    expect(order.parties[2]?.attempts).toEqual([]);
  });

  it('when a contact answered, then there is no next party and answeredBy names that contact even if others were tried later', () => {
    const order = callingOrder(parties, [attempt('elder', 'no_answer', 1000), attempt('contact:0', 'answered', 2000), attempt('contact:1', 'answered', 3000)]);
    expect(order.next).toBeNull();
    expect(order.answeredBy).toBe('contact:0');
  });

  it('when every party was tried and nobody answered, then next is null and answeredBy stays null', () => {
    const tried = parties.map((p, i) => attempt(p.party, 'no_answer', 1000 + i));
    const order = callingOrder(parties, tried);
    expect(order.next).toBeNull();
    expect(order.answeredBy).toBeNull();
  });

  it('when the elder has no phone of their own, then the first contact is next though the elder is still listed first', () => {
    const order = callingOrder(callingParties({ ...elder, phone: null }), []);
    expect(order.parties[0]?.party).toBe('elder');
    expect(order.next).toBe('contact:0');
  });

  it('when an attempt names a party not in the order (a contact removed since), then it neither answers for the order nor moves next', () => {
    const order = callingOrder(parties, [attempt('contact:7', 'answered', 1000)]);
    expect(order.answeredBy).toBeNull();
    expect(order.next).toBe('elder');
  });

  it('when an attempt is noted on the timeline, then it says who, their number and the outcome in Chinese and English, then the operator note', () => {
    expect(attemptNote(parties[1]!, 'no_answer', null)).toBe('儿子 张伟 13812345678: 无人接听 / no answer');
    expect(attemptNote(parties[0]!, 'answered', '老人说按错了')).toBe('老人本人 张秀英 13812340000: 已接听 / answered — 老人说按错了');
  });
});
