// The `zhiliang parse` command as a user runs it: a real process, real files.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeImageOnlyPdf } from '../ingest/formats/pdf-fixtures';
import { displayWidth, table } from './parse';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = fileURLToPath(new URL('../../../shared/seeds/000_30c67f409bbe32a9.txt', import.meta.url));
const SEED_003 = fileURLToPath(new URL('../../../shared/seeds/003_27ea49c019514738.txt', import.meta.url));

function zhiliang(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/zhiliang.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhiliang-parse-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The contract's shape, checked field by field (schemaVersion 1). */
function expectContractShape(x: any): void {
  expect(Object.keys(x).sort()).toEqual(['departments', 'metadata', 'outline', 'schemaVersion', 'source', 'targets', 'tasks', 'text', 'topics']);
  expect(x.schemaVersion).toBe(1);
  expect(Object.keys(x.source).sort()).toEqual(['encoding', 'fileName', 'format', 'normalizations']);
  expect(['txt', 'html', 'docx', 'pdf']).toContain(x.source.format);
  expect(x.source.normalizations.every((s: unknown) => typeof s === 'string')).toBe(true);
  expect(Object.keys(x.metadata).sort()).toEqual(['documentNumber', 'indexNumber', 'issuer', 'period', 'publishedDate', 'region', 'title', 'writtenDate']);
  for (const k of ['title', 'issuer', 'documentNumber', 'indexNumber', 'writtenDate', 'publishedDate', 'region']) {
    expect(x.metadata[k] === null || typeof x.metadata[k] === 'string', k).toBe(true);
  }
  for (const k of ['writtenDate', 'publishedDate']) if (x.metadata[k]) expect(x.metadata[k]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const span = (s: any) => {
    expect(s).toHaveLength(2);
    expect(s[0] >= 0 && s[0] <= s[1] && s[1] <= x.text.length).toBe(true);
  };
  const outline = (nodes: any[]) => nodes.forEach((n) => {
    expect(typeof n.marker === 'string' && typeof n.title === 'string' && Number.isInteger(n.level)).toBe(true);
    span(n.span);
    outline(n.children);
  });
  outline(x.outline);
  for (const t of x.targets) {
    expect(['>=', '<=', '>', '<', '=', '~', 'range']).toContain(t.comparator);
    expect(['level', 'increment', 'cumulative']).toContain(t.kind);
    expect(typeof t.indicator === 'string' && typeof t.value === 'number' && typeof t.unit === 'string').toBe(true);
    expect(t.deadline === null || Number.isInteger(t.deadline)).toBe(true);
    span(t.span);
  }
  for (const t of x.tasks) {
    expect(t.marker === null || typeof t.marker === 'string').toBe(true);
    expect(typeof t.title).toBe('string');
    span(t.span);
    for (const d of t.departments) expect(['lead', 'co']).toContain(d.role);
  }
  for (const tp of x.topics) expect(typeof tp.category === 'string' && tp.score >= 0 && tp.score <= 1).toBe(true);
  expect(x.departments.every((d: unknown) => typeof d === 'string')).toBe(true);
}

describe('zhiliang parse', () => {
  it('--json prints exactly the contract JSON for a seed', () => {
    const r = zhiliang('parse', SEED, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expectContractShape(x);
    expect(x.source).toMatchObject({ fileName: '000_30c67f409bbe32a9.txt', format: 'txt', encoding: 'utf-8' });
    expect(x.metadata.documentNumber).toBe('沪崇河府〔2021〕38号');
    expect(x.targets.some((t: any) => t.indicator.includes('农产品质量安全抽检合格率') && t.value === 99.5 && t.unit === '%')).toBe(true);
  });

  it('--json on a Traditional GB18030 copy reports what was done to the text', async () => {
    const { default: iconv } = await import('iconv-lite');
    const file = join(dir, '普陀方案.txt');
    writeFileSync(file, iconv.encode(readFileSync(SEED_003, 'utf8'), 'gb18030'));
    const r = zhiliang('parse', file, '--json');
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expectContractShape(x);
    expect(x.source.encoding).toBe('gb18030');
    expect(x.source.normalizations).toEqual(expect.arrayContaining(['strip-pinyin', 'traditional-to-simplified', 'drop-spam']));
    expect(x.metadata.documentNumber).toBe('普质强区发〔2023〕1号');
  });

  it('without --json prints a readable Chinese summary with an aligned target table', () => {
    const r = zhiliang('parse', SEED);
    expect(r.code).toBe(0);
    const out = r.stdout;
    for (const label of ['标题', '发文机关', '文号', '期限', '主题', '目标（', '任务（', '责任部门（']) expect(out).toContain(label);
    expect(out).toContain('沪崇河府〔2021〕38号');
    expect(out).toContain('2021—2023年');
    const lines = out.split('\n');
    const header = lines.findIndex((l) => l.startsWith('#') && l.includes('指标'));
    expect(header).toBeGreaterThan(0);
    // the 要求 column starts at the same display column in the header and in every row
    const col = (l: string, s: string) => displayWidth(l.slice(0, l.indexOf(s)));
    const at = col(lines[header], '要求');
    const row = lines.find((l) => l.includes('农产品质量安全抽检合格率'))!;
    expect(col(row, '≥')).toBe(at);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.txt'), 'FILE_NOT_FOUND'],
    ['an empty file', () => (writeFileSync(join(dir, 'empty.txt'), ''), join(dir, 'empty.txt')), 'EMPTY_FILE'],
    ['a PNG image', () => (writeFileSync(join(dir, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])), join(dir, 'scan.png')), 'NEEDS_OCR'],
    ['a PDF without text', () => (writeFileSync(join(dir, 'scan.pdf'), makeImageOnlyPdf()), join(dir, 'scan.pdf')), 'NEEDS_OCR'],
    ['a zip that is not a docx', () => (writeFileSync(join(dir, 'a.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)])), join(dir, 'a.docx')), 'UNSUPPORTED_FORMAT'],
    ['a directory', () => dir, 'NOT_A_FILE'],
  ])('%s: exit 2, one Chinese line on stderr, nothing on stdout', (what, make, code) => {
    // half the cases without --json, half with (both must keep stdout clean)
    const args = what.includes('PDF') || what.includes('zip') || what.includes('empty') ? ['--json'] : [];
    const r = zhiliang('parse', make(), ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^错误：[^\\n]*[\\u4e00-\\u9fff][^\\n]* \\(${code}\\)\\n$`));
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  });

  it('refuses a file over the size limit with TOO_LARGE without reading it', () => {
    const file = join(dir, 'huge.txt');
    writeFileSync(file, '');
    // a sparse 70 MB file: the size check happens before reading
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, 70 * 1024 * 1024);
    closeSync(fd);
    const r = zhiliang('parse', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：文件过大.*\(TOO_LARGE\)\n$/);
  });
});

describe('table', () => {
  it('aligns columns by display width (a Chinese character takes two columns)', () => {
    const t = table(['指标', '值'], [['合格率', '99'], ['a', '1']]).split('\n');
    expect(t.map((l) => displayWidth(l.split(/\s{2,}/)[0]))).toEqual([4, 6, 6, 1]);
    expect(t[1]).toMatch(/^-{6}  -{2}$/);
    expect(new Set(t.filter((l) => !l.startsWith('-')).map((l) => displayWidth(l) - displayWidth(l.split(/\s+/).pop()!)))).toEqual(new Set([8]));
  });
});
