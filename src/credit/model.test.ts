// The pure credit rules: classification with its reasons, editable weights and cut-offs, and the
// deadlines on the working-day calendar.
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../org/calendar/index';
import {
  addMonths,
  classify,
  CREDIT_FACT_KEYS,
  DEFAULT_CREDIT_SETTINGS,
  deadlineItems,
  membershipDeadlines,
  penaltyPeriods,
  reclassificationDue,
  settingsProblem,
  type CreditFacts,
} from './model';

const none: CreditFacts = Object.fromEntries(CREDIT_FACT_KEYS.map((k) => [k, 0])) as CreditFacts;
const s = DEFAULT_CREDIT_SETTINGS;
const cal = officialCalendar();

describe('risk classification (A-D, explainable)', () => {
  it('a clean enterprise is A with no reasons', () => {
    expect(classify(none, s)).toEqual({ class: 'A', points: 0, firedRules: [] });
  });

  it('says which rules fired and their points; the sum falls into the class by the cut-offs', () => {
    const c = classify({ ...none, penalties: 1, heavyPenalties: 1 }, s);
    expect(c.firedRules).toEqual([
      { id: 'heavy_penalty', label: '受到较重行政处罚', points: 40 },
      { id: 'penalty', label: '受到行政处罚', points: 15 },
    ]);
    expect([c.points, c.class]).toEqual([55, 'C']);
    expect(classify({ ...none, penalties: 1, heavyPenalties: 1, onAbnormalList: 1 }, s).class).toBe('D');
    expect(classify({ ...none, onSeriousList: 1 }, s).class).toBe('D');
    expect(classify({ ...none, complaints: 2 }, s).class).toBe('A'); // below the threshold of 3
    expect(classify({ ...none, complaints: 3 }, s)).toMatchObject({ class: 'B', points: 10 });
  });

  it('the authority changes weights, thresholds and cut-offs, and may switch a rule off', () => {
    const custom = {
      rules: s.rules.map((r) => (r.id === 'complaints' ? { ...r, threshold: 1, points: 35 } : r.id === 'penalty' ? { ...r, enabled: false } : r)),
      cutoffs: { B: 5, C: 20, D: 50 },
    };
    expect(classify({ ...none, complaints: 1 }, custom)).toMatchObject({ class: 'C', points: 35 });
    expect(classify({ ...none, penalties: 1 }, custom)).toMatchObject({ class: 'A', points: 0 });
  });

  it('refuses unusable settings with a Chinese reason', () => {
    expect(settingsProblem(s)).toBeNull();
    expect(settingsProblem({ ...s, cutoffs: { B: 30, C: 20, D: 60 } })).toContain('B < C < D');
    expect(settingsProblem({ ...s, rules: [...s.rules, { ...s.rules[0] }] })).toContain('重复');
    expect(settingsProblem({ ...s, reclassify: { everyMonths: 1, dayOfMonth: 31 } })).toContain('1 到 28');
    expect(settingsProblem({ ...s, deadlines: { ...s.deadlines, listingDecisionWd: -1 } })).toContain('listingDecisionWd');
  });
});

describe('the schedule', () => {
  it('reclassifies monthly on the day set, every n-th month, or never', () => {
    expect(reclassificationDue('2026-12-01', { everyMonths: 1, dayOfMonth: 1 })).toBe(true);
    expect(reclassificationDue('2026-12-02', { everyMonths: 1, dayOfMonth: 1 })).toBe(false);
    expect(['2026-01-05', '2026-04-05', '2026-05-05'].map((d) => reclassificationDue(d, { everyMonths: 3, dayOfMonth: 5 }))).toEqual([true, true, false]);
    expect(reclassificationDue('2026-12-01', { everyMonths: 0, dayOfMonth: 1 })).toBe(false);
  });
});

describe('periods and deadlines', () => {
  it('adds calendar months, the 31st becoming the last day of a short month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28');
  });

  it('penalty publication: 3 months or 3 years; early stop from 6 months, 12 for food, drug and special equipment', () => {
    expect(penaltyPeriods('2026-03-10', 'short', 'general', s.deadlines)).toEqual({ publicationEndsOn: '2026-06-10', repairFrom: null });
    expect(penaltyPeriods('2026-03-10', 'long', 'general', s.deadlines)).toEqual({ publicationEndsOn: '2029-03-10', repairFrom: '2026-09-10' });
    expect(penaltyPeriods('2026-03-10', 'long', 'food', s.deadlines).repairFrom).toBe('2027-03-10');
  });

  it('listing decision within 10 working days of the grounds, across the National Day holiday', () => {
    // grounds on Mon 28 Sep 2026: 29, 30 Sep, then 8, 9, 10 (a working Saturday), 12-16 Oct
    const base = { list: 'abnormal' as const, groundsOn: '2026-09-28', listedOn: null, curedOn: null, objectionOn: null, objectionAcceptedOn: null, objectionAnsweredOn: null };
    expect(membershipDeadlines({ ...base, state: 'pending' }, cal, s.deadlines).listingDueOn).toBe('2026-10-16');
    // listed: removal within 5 working days of the cure, objection 5 + 20 working days
    const listed = { ...base, state: 'listed' as const, listedOn: '2026-10-14', curedOn: '2026-11-20', objectionOn: '2026-11-02' };
    const dl = membershipDeadlines(listed, cal, s.deadlines);
    expect(dl).toMatchObject({ listingDueOn: null, removalDueOn: '2026-11-27', objectionAcceptDueOn: '2026-11-09', objectionVerifyDueOn: null, publicationEndsOn: null });
    expect(membershipDeadlines({ ...listed, objectionAcceptedOn: '2026-11-05' }, cal, s.deadlines).objectionVerifyDueOn).toBe('2026-12-03');
    // the serious list: published 3 years, early removal from 1 year
    expect(membershipDeadlines({ ...base, list: 'serious', state: 'listed', listedOn: '2026-01-15' }, cal, s.deadlines)).toMatchObject({ publicationEndsOn: '2029-01-15', earlyRemovalFrom: '2027-01-15' });
  });

  it('marks items due soon (3 working days) and overdue, with the working days left', () => {
    const items = deadlineItems({ listingDueOn: '2026-12-04', removalDueOn: '2026-11-27', objectionAcceptDueOn: '2026-12-31', objectionVerifyDueOn: null, publicationEndsOn: null, earlyRemovalFrom: null }, '2026-12-02', cal, 3);
    expect(items.map((i) => [i.kind, i.state, i.workingDaysLeft])).toEqual([
      ['listing', 'due_soon', 2],
      ['removal', 'overdue', -3],
      ['objection_accept', 'open', 21],
    ]);
  });
});
