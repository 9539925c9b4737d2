import { describe, expect, it } from 'vitest';
import { parseArabicNumber, parseChineseNumeral, parseNumber, readNumber, toHalfWidthDigits } from './numbers';
import { matchUnitAt, normalizeUnit } from './units';

describe('parseChineseNumeral', () => {
  it.each([
    ['三', 3], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十五', 25], ['一百', 100], ['一百零五', 105],
    ['一百二十', 120], ['两千五百', 2500], ['一千二', 1200], ['三千零八', 3008], ['三万五千', 35000],
    ['十万', 100000], ['三亿五千万', 350000000], ['二〇二五', 2025], ['九十九点五', 99.5], ['零点五', 0.5],
  ])('%s → %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['十四五', '三四', '百', '千', '万', '万亿', '质量', ''])('%s is not a number', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });
});

describe('parseArabicNumber', () => {
  it('reads decimals, full-width digits and thousands separators', () => {
    expect(parseArabicNumber('0.5')).toBe(0.5);
    expect(parseArabicNumber('１２')).toBe(12);
    expect(parseArabicNumber('９９．５')).toBe(99.5);
    expect(parseArabicNumber('3,000')).toBe(3000);
    expect(parseArabicNumber('12a')).toBeNull();
  });

  it('maps full-width digits to ASCII without moving offsets', () => {
    const s = '合格率达到９５％以上';
    expect(toHalfWidthDigits(s)).toBe('合格率达到95%以上');
    expect(toHalfWidthDigits(s).length).toBe(s.length);
  });
});

describe('readNumber', () => {
  it('keeps a trailing 万/亿 apart as the multiplier the unit carries', () => {
    expect(readNumber('320万')).toMatchObject({ value: 320, multiplier: '万' });
    expect(readNumber('三十万')).toMatchObject({ value: 30, multiplier: '万' });
    expect(readNumber('1.5亿')).toMatchObject({ value: 1.5, multiplier: '亿' });
    expect(readNumber('三万五千')).toMatchObject({ value: 35000, multiplier: '' });
  });

  it('reads percentages spelled out', () => {
    expect(readNumber('百分之九十五')).toMatchObject({ value: 95, percent: true });
    expect(readNumber('百分之九十九点五')).toMatchObject({ value: 99.5, percent: true });
    expect(readNumber('百分之百')).toMatchObject({ value: 100, percent: true });
    expect(readNumber('千分之三')).toMatchObject({ value: 3, permille: true });
  });

  it('gives the plain value with the multiplier applied', () => {
    expect(parseNumber('3万')).toBe(30000);
    expect(parseNumber('两')).toBe(2);
    expect(parseNumber('abc')).toBeNull();
  });
});

describe('units', () => {
  it('normalizes the written forms of the contract', () => {
    expect(normalizeUnit('％')).toBe('%');
    expect(normalizeUnit('万㎡')).toBe('万平方米');
    expect(normalizeUnit('㎡')).toBe('平方米');
    expect(normalizeUnit('μg/m³')).toBe('微克/立方米');
    expect(normalizeUnit('微克/立方米')).toBe('微克/立方米');
    expect(normalizeUnit('万名')).toBe('万名');
    expect(normalizeUnit('千米')).toBe('公里');
    expect(normalizeUnit('')).toBe('');
  });

  it('matches the longest unit after a number', () => {
    expect(matchUnitAt('2个百分点', 1)).toMatchObject({ unit: '个百分点', category: 'percent' });
    expect(matchUnitAt('3个工作日', 1)).toMatchObject({ unit: '个工作日', category: 'time' });
    expect(matchUnitAt('3工作日', 1)).toMatchObject({ unit: '工作日', category: 'time' });
    expect(matchUnitAt('5个', 1)).toMatchObject({ unit: '个', category: 'count' });
    expect(matchUnitAt('23元/人', 2)).toMatchObject({ unit: '元/人' });
    expect(matchUnitAt('12期', 2)).toMatchObject({ unit: '期' });
    expect(matchUnitAt('12号', 2)).toBeNull();
  });
});
