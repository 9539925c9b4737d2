import { describe, expect, it } from 'vitest';
import { extractOutline, flattenOutline, headingTitle, matchMarker } from './outline';
import { loadSeeds } from '../../bench/struct-score';

const shape = (text: string) => flattenOutline(extractOutline(text)).map((n) => `${n.level}${n.marker}${n.title}`);

describe('markers', () => {
  it('recognises the five levels in full- and half-width forms', () => {
    expect(matchMarker('一、总体要求')?.kind).toBe('cn');
    expect(matchMarker('(一)指导思想')?.kind).toBe('pcn');
    expect(matchMarker('（二）基本原则')?.kind).toBe('pcn');
    expect(matchMarker('1.增加农产品优质供给')?.kind).toBe('num');
    expect(matchMarker('1．增加供给')?.kind).toBe('num');
    expect(matchMarker('12、增强企业质量责任意识')?.kind).toBe('num');
    expect(matchMarker('(1)加强监管')?.kind).toBe('pnum');
    expect(matchMarker('（2）加强监管')?.kind).toBe('pnum');
    expect(matchMarker('①开展抽查')?.kind).toBe('circled');
    expect(matchMarker('第三章 保障措施')?.kind).toBe('chapter');
  });
  it('does not take numbers, dates and enumerations for headings', () => {
    expect(matchMarker('2021年6月15日')).toBeNull();
    expect(matchMarker('1.75%的研发投入')).toBeNull();
    expect(matchMarker('2023-12-15')).toBeNull();
    expect(matchMarker('一是全面落实工程参建各方主体质量责任')).toBeNull();
    expect(matchMarker('1、2、3号楼')).toBeNull();
    expect(matchMarker('(2023—2027年')).toBeNull();
  });
});

describe('headingTitle', () => {
  it('stops at the first 。 and drops a department clause', () => {
    expect(headingTitle('指导思想。高举习近平新时代中国特色社会主义思想伟大旗帜')).toBe('指导思想');
    expect(headingTitle('加强质量基础建设(责任单位:区市场监管局)')).toBe('加强质量基础建设');
    expect(headingTitle('总体目标：到2025年，质量水平显著提升。')).toBe('总体目标');
    expect(headingTitle('推动服务业提质增效、提升生活性服务业品质')).toBe('推动服务业提质增效、提升生活性服务业品质');
  });
});

describe('extractOutline', () => {
  it('nests 一、 → (一) → 1. → (1) → ① and closes sections at the next sibling or ancestor', () => {
    const text = ['前言。', '一、总体要求', '(一)指导思想。坚持质量第一。', '(二)主要目标', '1.产品质量', '(1)抽查合格率', '①工业产品', '二、主要任务', '(一)加强监管'].join('\n');
    expect(shape(text)).toEqual(['1一、总体要求', '2(一)指导思想', '2(二)主要目标', '3 1.产品质量'.replace(' ', ''), '4(1)抽查合格率', '5①工业产品', '1二、主要任务', '2(一)加强监管']);
    const [one, two] = extractOutline(text);
    expect(text.slice(one.span[0], one.span[1])).toMatch(/^一、总体要求[\s\S]*①工业产品$/);
    expect(text.slice(two.span[0], two.span[1])).toBe('二、主要任务\n(一)加强监管');
    expect(text.slice(...one.children[0].span)).toBe('(一)指导思想。坚持质量第一。');
  });
  it('nests a level that skips one under the right parent', () => {
    // 1. straight under 一、 in one section, (一) in the next
    const text = '一、目标\n1.产品质量\n二、任务\n(一)加强监管\n1.抽查\n三、保障';
    expect(shape(text)).toEqual(['1一、目标', '21.产品质量', '1二、任务', '2(一)加强监管', '31.抽查', '1三、保障']);
  });
  it('does not take in-sentence enumerations for headings', () => {
    const text = '一、主要任务\n加强监管，一、二、三产业融合发展，(一)类企业优先。\n2021年完成。';
    expect(shape(text)).toEqual(['1一、主要任务']);
  });
  it('repairs a (一) whose opening was lost in scraping', () => {
    const text = '二、主要任务\n)增强发展动能,推动经济质量效益型发展\n1.坚持创新驱动。\n(二)构筑发展新优势\n4.打造优势产业集群。';
    expect(shape(text)).toEqual(['1二、主要任务', '2)增强发展动能,推动经济质量效益型发展', '31.坚持创新驱动', '2(二)构筑发展新优势', '34.打造优势产业集群']);
  });
  it('returns no headings for text without markers', () => {
    expect(extractOutline('为推进工作，制定本方案。\n加强领导。')).toEqual([]);
  });
});

describe('seeds', () => {
  const seeds = loadSeeds();
  it('finds the section skeleton of seed 000 (一、 二、 四、 with their items)', () => {
    const s = seeds.find((x) => x.name.startsWith('000'))!;
    const roots = extractOutline(s.text);
    expect(roots.map((r) => r.marker + r.title)).toEqual(['一、总体要求', '二、主要提升措施', '四、保障措施']);
    expect(roots[0].children.map((c) => c.title)).toEqual(['指导思想', '基本原则', '主要目标', '重点提升领域']);
    expect(roots[0].children[3].children).toHaveLength(8);
    expect(roots[1].children).toHaveLength(7);
  });
  it('finds the twenty numbered tasks of seed 003 under six groups', () => {
    const s = seeds.find((x) => x.name.startsWith('003'))!;
    const roots = extractOutline(s.text);
    const tasks = roots.find((r) => r.title === '主要任务')!;
    expect(tasks.children).toHaveLength(6);
    expect(tasks.children.flatMap((c) => c.children).map((c) => c.marker)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1}.`));
  });
  it('keeps every span inside the text and children inside their parent', () => {
    for (const s of seeds) {
      const check = (ns: ReturnType<typeof extractOutline>, lo: number, hi: number) => {
        for (const n of ns) {
          expect(n.span[0]).toBeGreaterThanOrEqual(lo);
          expect(n.span[1]).toBeLessThanOrEqual(hi);
          expect(s.text.slice(n.span[0]).startsWith(n.marker)).toBe(true);
          check(n.children, n.span[0], n.span[1]);
        }
      };
      check(extractOutline(s.text), 0, s.text.length);
    }
  });
});
