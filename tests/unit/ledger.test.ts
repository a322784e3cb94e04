import { describe, expect, it } from 'vitest';
import { veryOldCutoff } from '../../gateway/src/app/elder-list-filter.js';
import { ledgerEntries, type LedgerTask } from '../../gateway/src/core/ledger/ledger-entries.js';
import { ledgerPeriod } from '../../gateway/src/core/ledger/ledger-period.js';

// The ledger's pure parts (issue 21): the period in local time, which records belong to it and in what order, and
// the 高龄 cutoff the registry filters by.

const CHINA = 480;

describe('ledger period', () => {
  it('when no period is given, then this local month: at 23:30 on 30 November UTC it is already December in China', () => {
    const now = Date.parse('2026-11-30T16:30:00Z');
    expect(ledgerPeriod({}, now, CHINA)).toEqual({ from: Date.parse('2026-11-30T16:00:00Z'), to: Date.parse('2026-12-31T16:00:00Z') });
  });

  it('when local dates are given, then from their local midnight, the last day included; a December start ends with the year', () => {
    expect(ledgerPeriod({ from: '2026-02-01', to: '2026-02-28' }, 0, CHINA)).toEqual({ from: Date.parse('2026-01-31T16:00:00Z'), to: Date.parse('2026-02-28T16:00:00Z') });
    expect(ledgerPeriod({ from: '2026-12-15' }, 0, CHINA)).toEqual({ from: Date.parse('2026-12-14T16:00:00Z'), to: Date.parse('2026-12-31T16:00:00Z') });
  });

  it('when epoch milliseconds are given, then they are the instants, the end excluded', () => {
    expect(ledgerPeriod({ from: '1000', to: '2000' }, 0, CHINA)).toEqual({ from: 1000, to: 2000 });
  });
});

describe('ledger entries', () => {
  const task = (id: string, fields: Partial<LedgerTask>): LedgerTask => ({
    id, kind: 'care_visit', status: 'open', createdAt: 0, completedAt: null, outcome: null, handledBy: null, note: null, mode: null, attempt: null, ...fields,
  });
  const period = { from: 1000, to: 2000 };

  it('when a visit was made in the period, then it is listed at the time it was made, with its mode and attempt', () => {
    const entries = ledgerEntries({ alerts: [], calls: [], notes: [], tasks: [task('v2', { createdAt: 500, completedAt: 1500, status: 'done', outcome: 'visited', mode: 'phone', attempt: 2 })] }, period);
    expect(entries).toEqual([expect.objectContaining({ kind: 'visit', refId: 'v2', at: new Date(1500).toISOString(), mode: 'phone', attempt: 2, outcome: 'visited' })]);
  });

  it('when tasks, calls and alerts fall before, in and after the period, then only those in it come, oldest first, service requests and other tasks told apart', () => {
    const entries = ledgerEntries(
      {
        alerts: [
          { id: 'a-in', type: 'sos', status: 'resolved', raisedAt: 1200, closedAt: 1300, handledBy: '张', resolutionNote: null },
          { id: 'a-before', type: 'fall', status: 'resolved', raisedAt: 900, closedAt: 1100, handledBy: null, resolutionNote: null },
        ],
        tasks: [task('s', { kind: 'service', createdAt: 1100 }), task('m', { kind: 'maintenance', createdAt: 1999 }), task('late', { createdAt: 2000 }), task('old', { createdAt: 10, completedAt: 2500 })],
        calls: [{ id: 'c', category: 'question', direction: 'inbound', startedAt: 1200, endedAt: 1260, outcome: null, operatorName: '王敏', note: null }],
        notes: [{ alertId: 'a-before', alertType: 'fall', at: 1050, author: '王敏', note: '已回访' }],
      },
      period,
    );
    expect(entries.map((e) => [e.kind, e.refId])).toEqual([
      ['note', 'a-before'],
      ['service', 's'],
      ['alert', 'a-in'],
      ['call', 'c'],
      ['task', 'm'],
    ]);
  });
});

describe('高龄 cutoff', () => {
  it('when today is given, then the last birth date of an 80-year-old is the same day 80 years back', () => {
    expect(veryOldCutoff('2026-12-07')).toBe('1946-12-07');
    // born on 29 February 1944: 80 on 29 February 2024; a day short of 80 is not 高龄
    expect('1944-02-29' <= veryOldCutoff('2024-02-29')).toBe(true);
    expect('1946-02-28' <= veryOldCutoff('2026-02-27')).toBe(false);
  });
});
