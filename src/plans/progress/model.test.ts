// The tracking rules with worked numbers: status of targets, reporting periods across National Day.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../org/calendar/index';
import {
  expectedOnLine,
  periodContaining,
  periodsBetween,
  reportDueDate,
  sniffAttachment,
  targetDeadline,
  targetStatus,
  TARGET_STATUS_LABELS,
  TARGET_STATUS_RULES,
  type TargetRuleInput,
} from './model';

// 产品质量监督抽查合格率 from 90% (2025-01-01) to ≥ 96% by 2027-12-31; margin 5% of the span (0.3 points).
const passRate: TargetRuleInput = { comparator: '>=', value: 96, kind: 'level', deadline: '2027-12-31', baseline: 90, planStart: '2025-01-01' };
const opts = { today: '2026-07-01', marginPct: 5 };

describe('targetStatus', () => {
  it('the progress line runs straight from the baseline at plan start to the target at the deadline', () => {
    // 2026-07-01 is 546 of 1094 days in: 90 + 6 × 546/1094 = 92.994…
    expect(expectedOnLine(90, 96, '2025-01-01', '2027-12-31', '2026-07-01')).toBeCloseTo(92.9945, 3);
    expect(expectedOnLine(90, 96, '2025-01-01', '2027-12-31', '2024-06-01')).toBe(90);
    expect(expectedOnLine(90, 96, '2025-01-01', '2027-12-31', '2028-06-01')).toBe(96);
  });

  it('>=: achieved, on track, warning within the margin, behind below it, 未报送 without a value', () => {
    const at = (value: number) => targetStatus(passRate, { value, asOf: '2026-07-01' }, opts);
    expect(at(96)).toBe('achieved');
    expect(at(96.5)).toBe('achieved');
    expect(at(93.0)).toBe('on_track'); // line 92.99
    expect(at(92.8)).toBe('warning'); // 0.19 below the line, margin 0.3
    expect(at(92.6)).toBe('behind'); // 0.39 below
    expect(targetStatus(passRate, null, opts)).toBe('no_report');
    // the line is taken on the date the value refers to, not today: 92.0 as of 2025-09-30 is on it
    // (line there 90 + 6 × 272/1094 = 91.49)
    expect(targetStatus(passRate, { value: 92.0, asOf: '2025-09-30' }, opts)).toBe('on_track');
  });

  it('> needs strictly more', () => {
    const t = { ...passRate, comparator: '>' as const };
    expect(targetStatus(t, { value: 96, asOf: '2026-07-01' }, opts)).not.toBe('achieved');
    expect(targetStatus(t, { value: 96.01, asOf: '2026-07-01' }, opts)).toBe('achieved');
  });

  it('past the deadline and not met is final 未达成, however close; no value by then is 未达成 too', () => {
    expect(targetStatus(passRate, { value: 95.99, asOf: '2027-12-31' }, { today: '2028-01-02', marginPct: 5 })).toBe('missed');
    expect(targetStatus(passRate, null, { today: '2028-01-02', marginPct: 5 })).toBe('missed');
    expect(targetStatus(passRate, null, { today: '2027-12-31', marginPct: 5 })).toBe('no_report');
    expect(targetStatus(passRate, { value: 95.99, asOf: '2027-12-31' }, { today: '2027-12-31', marginPct: 5 })).toBe('warning');
  });

  it('<=: the mirror (complaint rate from 8‰ down to ≤ 5‰ over 2025–2026)', () => {
    const t: TargetRuleInput = { comparator: '<=', value: 5, kind: 'level', deadline: '2026-12-31', baseline: 8, planStart: '2025-01-01' };
    // line on 2026-01-01 (365 of 729 days): 8 − 3 × 365/729 = 6.498; margin 0.15
    const at = (value: number) => targetStatus(t, { value, asOf: '2026-01-01' }, opts);
    expect(at(5)).toBe('achieved');
    expect(at(6.4)).toBe('on_track');
    expect(at(6.6)).toBe('warning');
    expect(at(6.7)).toBe('behind');
    expect(targetStatus({ ...t, comparator: '<' }, { value: 5, asOf: '2026-01-01' }, opts)).not.toBe('achieved');
  });

  it('no baseline, level target: achieved, or warning/behind by the margin to the target', () => {
    const t = { ...passRate, baseline: null };
    // margin 5% of 96 = 4.8
    expect(targetStatus(t, { value: 96, asOf: '2026-07-01' }, opts)).toBe('achieved');
    expect(targetStatus(t, { value: 91.5, asOf: '2026-07-01' }, opts)).toBe('warning');
    expect(targetStatus(t, { value: 91, asOf: '2026-07-01' }, opts)).toBe('behind');
  });

  it('increment targets without a baseline start at 0 (新增 40 家 by 2026-12-31, from 2025-01-01)', () => {
    const t: TargetRuleInput = { comparator: '>=', value: 40, kind: 'increment', deadline: '2026-12-31', planStart: '2025-01-01' };
    // line on 2025-12-31 (364 of 729 days): 19.97; margin 2
    expect(targetStatus(t, { value: 20, asOf: '2025-12-31' }, opts)).toBe('on_track');
    expect(targetStatus(t, { value: 18, asOf: '2025-12-31' }, opts)).toBe('warning');
    expect(targetStatus(t, { value: 17, asOf: '2025-12-31' }, opts)).toBe('behind');
  });

  it('~ within tolerance is achieved; default tolerance 2% of the value; = has none', () => {
    const t: TargetRuleInput = { comparator: '~', value: 100, kind: 'level', deadline: '2026-12-31', baseline: 60, planStart: '2025-01-01' };
    expect(targetStatus(t, { value: 98.5, asOf: '2026-01-01' }, opts)).toBe('achieved');
    expect(targetStatus(t, { value: 101.9, asOf: '2026-01-01' }, opts)).toBe('achieved');
    expect(targetStatus({ ...t, tolerance: 0.5 }, { value: 98.5, asOf: '2026-01-01' }, opts)).not.toBe('achieved');
    // from below toward 98: line on 2026-01-01 = 60 + 38 × 365/729 = 79.03
    expect(targetStatus(t, { value: 80, asOf: '2026-01-01' }, opts)).toBe('on_track');
    expect(targetStatus(t, { value: 70, asOf: '2026-01-01' }, opts)).toBe('behind');
    expect(targetStatus({ ...t, comparator: '=' }, { value: 100, asOf: '2026-01-01' }, opts)).toBe('achieved');
    expect(targetStatus({ ...t, comparator: '=' }, { value: 99.9, asOf: '2026-01-01' }, opts)).not.toBe('achieved');
  });

  it('range: inside is achieved, below compares to the lower bound, above to the upper', () => {
    const t: TargetRuleInput = { comparator: 'range', value: 60, valueMax: 70, kind: 'level', deadline: '2026-12-31', baseline: 50, planStart: '2025-01-01' };
    expect(targetStatus(t, { value: 65, asOf: '2026-01-01' }, opts)).toBe('achieved');
    expect(targetStatus(t, { value: 56, asOf: '2026-01-01' }, opts)).toBe('on_track'); // line 55.0
    expect(targetStatus(t, { value: 71, asOf: '2026-01-01' }, opts)).toBe('warning'); // baseline below: no line downward, 1 ≤ 3.5
    expect(targetStatus(t, { value: 80, asOf: '2026-01-01' }, opts)).toBe('behind');
  });

  it('labels and rule texts are Chinese, one per status', () => {
    expect(Object.values(TARGET_STATUS_LABELS)).toEqual(['已达成', '正常', '预警', '滞后', '未报送', '未达成']);
    for (const s of Object.values(TARGET_STATUS_RULES)) expect(s).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a target without a deadline year falls back to the plan end', () => {
    expect(targetDeadline(2025, 2027)).toBe('2025-12-31');
    expect(targetDeadline(null, 2027)).toBe('2027-12-31');
    expect(targetDeadline(null, null)).toBeNull();
  });
});

describe('reporting periods', () => {
  it('labels monthly, quarterly and half-yearly periods', () => {
    expect(periodContaining('quarterly', '2026-08-15')).toEqual({ label: '2026年第3季度', startDate: '2026-07-01', endDate: '2026-09-30' });
    expect(periodContaining('monthly', '2026-10-31')).toEqual({ label: '2026年10月', startDate: '2026-10-01', endDate: '2026-10-31' });
    expect(periodContaining('monthly', '2028-02-03').endDate).toBe('2028-02-29');
    expect(periodContaining('half_yearly', '2026-03-01')).toEqual({ label: '2026年上半年', startDate: '2026-01-01', endDate: '2026-06-30' });
    expect(periodContaining('half_yearly', '2026-07-01').label).toBe('2026年下半年');
    expect(periodsBetween('quarterly', '2025-11-20', '2026-07-01').map((p) => p.label)).toEqual([
      '2025年第4季度',
      '2026年第1季度',
      '2026年第2季度',
      '2026年第3季度',
    ]);
    expect(periodsBetween('monthly', '2026-01-01', '2026-12-31')).toHaveLength(12);
  });

  it('due on the 5th working day after the period ends, across National Day 2025 and 2026', () => {
    const cal = createCalendar();
    // 2025: Oct 1–8 off, Sat Oct 11 is a 调休 working day → Oct 9, 10, 11, 13, 14
    expect(reportDueDate(cal, '2025-09-30', 5)).toBe('2025-10-14');
    // 2026: Oct 1–7 off, Sat Oct 10 is a 调休 working day → Oct 8, 9, 10, 12, 13
    expect(reportDueDate(cal, '2026-09-30', 5)).toBe('2026-10-13');
    // an ordinary quarter end: 2026-06-30 (Tue) → Jul 1, 2, 3, 6, 7
    expect(reportDueDate(cal, '2026-06-30', 5)).toBe('2026-07-07');
    // 0 days: the period's last day, moved past a holiday
    expect(reportDueDate(cal, '2026-10-03', 0)).toBe('2026-10-08');
  });
});

describe('attachment sniffing', () => {
  const zip = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....[Content_Types].xml....${part}....`)]);
  it('knows the allowed types by content, and the extension must agree', () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n...'), 'a.pdf')).toBe('pdf');
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'a.JPEG')).toBe('jpg');
    expect(sniffAttachment(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'p.png')).toBe('png');
    expect(sniffAttachment(zip('word/document.xml'), '报告.docx')).toBe('docx');
    expect(sniffAttachment(zip('xl/workbook.xml'), '数据.xlsx')).toBe('xlsx');
    expect(sniffAttachment(Buffer.from('第三季度进展：已完成抽查 120 批次。\n'), '说明.txt')).toBe('txt');
    // an executable renamed to .pdf, a pdf renamed to .png, a docx renamed .xlsx, binary .txt
    expect(sniffAttachment(Buffer.from([0x4d, 0x5a, 0x90, 0, 3]), 'x.pdf')).toBeNull();
    expect(sniffAttachment(Buffer.from('%PDF-1.7'), 'x.png')).toBeNull();
    expect(sniffAttachment(zip('word/document.xml'), 'x.xlsx')).toBeNull();
    expect(sniffAttachment(Buffer.from([0x41, 0, 0x42]), 'x.txt')).toBeNull();
    expect(sniffAttachment(Buffer.from('hello'), 'x.exe')).toBeNull();
  });
});
