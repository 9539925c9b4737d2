// The pure rules of 监督抽查: the 6-month lock's boundary, the 复检 window, the extension rule, the
// escalation steps, and the two rates of §4.4 on a hand-computed example.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../org/calendar/calendar';
import { CATALOGUE, catalogueName } from './catalogue';
import {
  canEscalate,
  conclusionOf,
  disposalStanding,
  overdueFollowUpId,
  overdueFollowUpRef,
  stepDeadline,
  countBatches,
  DEFAULT_SAMPLING_SETTINGS as S,
  extensionRefusal,
  failRate,
  lockHolds,
  passRate,
  plusMonths,
  productKey,
  rectifyDeadline,
  retestDeadline,
  workingDayDeadlines,
} from './model';

describe('sampling rules', () => {
  it('holds the same product for 6 months, to the day, except follow-up and emergency checks', () => {
    expect(lockHolds('2026-05-10', '2026-11-09', 6, '常规抽查')).toBe(true);
    expect(lockHolds('2026-05-10', '2026-11-10', 6, '常规抽查')).toBe(false);
    expect(lockHolds('2026-05-10', '2026-06-01', 6, '跟踪抽查')).toBe(false);
    expect(lockHolds('2026-05-10', '2026-06-01', 6, '应急抽查')).toBe(false);
    // month ends clamp: 31 August + 6 months is 28 February
    expect(plusMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(lockHolds('2026-08-31', '2027-02-27', 6, '常规抽查')).toBe(true);
    expect(lockHolds('2026-08-31', '2027-02-28', 6, '常规抽查')).toBe(false);
  });

  it('treats brand and model spelled with other spaces or width as the same product', () => {
    const a = productKey({ enterpriseId: 1, productCode: '010110', brand: '美 的', model: 'mk-hj1705', standard: 'GB 4706.19-2008' });
    const b = productKey({ enterpriseId: 1, productCode: '010110', brand: '美的', model: 'ＭＫ-HJ1705', standard: 'GB4706.19-2008' });
    expect(a).toBe(b);
    expect(productKey({ enterpriseId: 1, productCode: '010110', brand: '美的', model: 'MK-HJ1706', standard: '' })).not.toBe(a);
  });

  it('fails a batch on one failed item', () => {
    expect(conclusionOf([{ verdict: '合格' }, { verdict: '不合格' }])).toBe('不合格');
    expect(conclusionOf([{ verdict: '合格' }])).toBe('合格');
  });

  it('counts the 复检 window from the day after receipt: 15 days', () => {
    expect(retestDeadline('2026-11-12', S)).toBe('2026-11-27');
    expect(rectifyDeadline('2026-11-01', S)).toBe('2026-12-01');
  });

  it('allows one extension of at most 30 days, applied at least 5 days before the deadline', () => {
    const d = { state: '整改中' as const, step: 0, deadline: '2026-12-01', extensionDays: null };
    expect(extensionRefusal(d, '2026-11-26', 30, S)).toBeNull();
    expect(extensionRefusal(d, '2026-11-27', 30, S)).toBe('TOO_LATE');
    expect(extensionRefusal(d, '2026-11-20', 31, S)).toBe('TOO_LONG');
    expect(extensionRefusal({ ...d, extensionDays: 10 }, '2026-11-20', 5, S)).toBe('ALREADY_EXTENDED');
    expect(extensionRefusal({ ...d, state: '复查不合格' }, '2026-11-20', 5, S)).toBe('NOT_OPEN');
  });

  it('escalates after a failed 复查 or an unmet deadline, never past 吊销营业执照', () => {
    expect(canEscalate({ state: '整改中', step: 0, deadline: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(canEscalate({ state: '整改中', step: 0, deadline: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(canEscalate({ state: '复查不合格', step: 1, deadline: '2027-01-01' }, '2026-12-02')).toBe(true);
    expect(canEscalate({ state: '复查不合格', step: 3, deadline: '2027-01-01' }, '2026-12-02')).toBe(false);
    expect(canEscalate({ state: '复查合格', step: 0, deadline: '2026-12-01' }, '2026-12-09')).toBe(false);
  });

  it('counts notification and order periods in working days', () => {
    const cal = createCalendar();
    // Friday 2026-11-06 + 5 working days = Friday 2026-11-13 (5 calendar days would be the 11th)
    expect(workingDayDeadlines(cal, S, '2026-11-06', '2026-11-06')).toEqual({ notifyBy: '2026-11-13', orderBy: '2026-11-13' });
  });

  it('computes 抽检合格率 over sampled batches and 不合格发现率 over tested ones (hand-computed)', () => {
    // 10 sampled: 6 passed, 2 failed, 2 not tested (样品损坏, 企业停产) → 合格率 6/10 = 60%, 发现率 2/8 = 25%
    const rows = [
      ...Array(6).fill({ state: '已检验', conclusion: '合格' }),
      ...Array(2).fill({ state: '已检验', conclusion: '不合格' }),
      ...Array(2).fill({ state: '未检验', conclusion: null }),
    ];
    const c = countBatches(rows);
    expect(c).toEqual({ sampled: 10, tested: 8, passed: 6, failed: 2 });
    expect(passRate(c)).toBe(0.6);
    expect(failRate(c)).toBe(0.25);
    // 合格率 + 发现率 ≠ 1 whenever some batches are not tested: they are different ratios
    expect(passRate(c)! + failRate(c)!).not.toBe(1);
    expect(passRate({ sampled: 0, tested: 0, passed: 0, failed: 0 })).toBeNull();
    // §4.4's national example: 2019, 5573 tested, 687 failed → 12.3%
    expect(Math.round(failRate({ sampled: 5594, tested: 5573, passed: 4886, failed: 687 })! * 1000) / 10).toBe(12.3);
  });

  it('ships a catalogue whose codes nest (2 → 4 → 6) and are unique', () => {
    const codes = new Set<string>();
    for (const g of CATALOGUE) {
      expect(g.code).toMatch(/^\d{2}$/);
      for (const s of g.subgroups) {
        expect(s.code.startsWith(g.code)).toBe(true);
        for (const p of s.products) {
          expect(p.code.startsWith(s.code) && p.code.length === 6).toBe(true);
          expect(codes.has(p.code)).toBe(false);
          codes.add(p.code);
        }
      }
    }
    expect(CATALOGUE.map((g) => g.name)).toEqual(['电子电器', '农业生产资料', '建筑和装饰装修材料', '电工及材料产品', '机械及安防产品', '日用及纺织品', '耐用消费品', '食品相关产品']);
    expect(catalogueName('010110')).toBe('电热水壶');
  });

  it('后处理 standing on the 驾驶舱: overdue the day after the deadline or after a failed 复查, due soon within the warning days; each step its own period', () => {
    const open = { state: '整改中' as const, deadline: '2026-12-31' };
    expect(disposalStanding(open, '2026-12-31', 7)).toBe('soon');
    expect(disposalStanding(open, '2027-01-01', 7)).toBe('overdue');
    expect(disposalStanding(open, '2026-12-24', 7)).toBe('soon');
    expect(disposalStanding(open, '2026-12-23', 7)).toBe('open');
    expect(disposalStanding({ state: '复查不合格', deadline: '2027-06-30' }, '2026-12-01', 7)).toBe('overdue');
    expect(disposalStanding({ state: '复查合格', deadline: '2026-01-01' }, '2026-12-01', 7)).toBeNull();
    expect(stepDeadline('2026-12-02', 0, { ...S, escalationDays: 15 })).toBe('2027-01-01');
    expect(stepDeadline('2026-12-02', 1, { ...S, escalationDays: 15 })).toBe('2026-12-17');
    // the follow-up of an overdue step names the disposal and the step
    expect(overdueFollowUpRef(overdueFollowUpId(123456, 2))).toEqual({ disposalId: 123456, step: 2 });
  });
});
