// `zhiliang parse <file> [--json]`: reads a plan document and prints what was extracted.
// Without --json: a readable Chinese summary. With --json: exactly the contract's JSON.
// Bad input: exit code 2 and one line `错误：<说明> (CODE)` on stderr, never a stack trace.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { PlanExtraction, Target, Task } from '../ingest/model';
import { IngestError, isIngestError } from '../ingest/errors';
import { DEFAULT_LIMITS } from '../ingest/decode';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('解析行动计划文档（txt、html、docx、pdf），提取标题、目标、任务和责任部门')
    .argument('<file>', '文档路径')
    .option('--json', '按数据契约输出 JSON（schemaVersion 1）')
    .action(async (file: string, opts: { json?: boolean }) => {
      process.exitCode = await runParse(file, opts);
    });
}

/** Runs the command; returns the exit code (0 ok, 2 bad input, 1 internal error). */
export async function runParse(file: string, opts: { json?: boolean }): Promise<number> {
  try {
    const bytes = await readInput(file);
    // loaded on demand: the other zhiliang commands do not pay for the document engine
    const { parsePlan } = await import('../ingest/index');
    const result = await parsePlan(bytes, basename(file));
    await write(process.stdout, opts.json ? JSON.stringify(result, null, 2) + '\n' : formatSummary(result));
    return 0;
  } catch (e) {
    const err = isIngestError(e) ? e : new IngestError('INTERNAL_ERROR', `内部错误：${oneLine((e as Error)?.message ?? String(e))}`, { cause: e });
    process.stderr.write(`错误：${oneLine(err.message)} (${err.code})\n`);
    if (process.env.ZHILIANG_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return err.isInputError ? 2 : 1;
  }
}

async function readInput(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new IngestError('NOT_A_FILE', `不是一个文件：${file}`);
    size = st.size;
  } catch (e) {
    if (isIngestError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new IngestError('FILE_NOT_FOUND', `找不到文件：${file}`);
    if (code === 'EACCES' || code === 'EPERM') throw new IngestError('READ_FAILED', `没有权限读取文件：${file}`);
    throw new IngestError('READ_FAILED', `无法读取文件：${file}`);
  }
  if (size > DEFAULT_LIMITS.maxFileBytes) {
    throw new IngestError('TOO_LARGE', `文件过大（${(size / 1024 / 1024).toFixed(1)} MB），超出解析上限 ${DEFAULT_LIMITS.maxFileBytes / 1024 / 1024} MB`);
  }
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    throw new IngestError('READ_FAILED', `无法读取文件：${file}`);
  }
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

function write(stream: NodeJS.WriteStream, s: string): Promise<void> {
  return new Promise((resolve) => {
    stream.on('error', () => resolve()); // a closed pipe (`| head`) is not an error of ours
    stream.write(s, () => resolve());
  });
}

// --- the readable summary ---------------------------------------------------------------------

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f)) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ||
    c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2026
  );
}

function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const COMPARATOR: Record<Target['comparator'], string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=', '~': '约', range: '区间' };
const KIND: Record<Target['kind'], string> = { level: '水平', increment: '新增', cumulative: '累计' };

function value(t: Target): string {
  return t.comparator === 'range' && t.valueMax !== undefined ? `${t.value}-${t.valueMax}` : String(t.value);
}

function roles(task: Task): string {
  const lead = task.departments.filter((d) => d.role === 'lead').map((d) => d.name);
  const co = task.departments.filter((d) => d.role === 'co').map((d) => d.name);
  const parts: string[] = [];
  if (lead.length) parts.push(`牵头：${lead.join('、')}`);
  if (co.length) parts.push(`配合：${co.join('、')}`);
  return parts.join('；');
}

export function formatSummary(r: PlanExtraction): string {
  const m = r.metadata;
  const dash = '—';
  const out: string[] = [];
  const field = (label: string, v: string | null | undefined) => out.push(`${pad(label, 10)}${v ?? dash}`);
  field('标题', m.title);
  field('发文机关', m.issuer);
  field('文号', m.documentNumber);
  field('索引号', m.indexNumber);
  field('成文日期', m.writtenDate);
  field('发布日期', m.publishedDate);
  field('期限', m.period ? `${m.period.startYear}—${m.period.endYear}年` : null);
  field('地区', m.region);
  const top = r.topics[0];
  field('主题', top ? `${top.category}${top.subcategory ? ` › ${top.subcategory}` : ''}（${top.score.toFixed(2)}）` : null);
  const norms = r.source.normalizations.length ? `；处理：${r.source.normalizations.join('、')}` : '';
  field('来源', `${r.source.fileName}（${r.source.format}，${r.source.encoding}，${r.text.length} 字${norms}）`);
  out.push('');
  out.push(`目标（${r.targets.length} 项）`);
  if (r.targets.length) {
    out.push(
      table(
        ['#', '指标', '要求', '数值', '单位', '类型', '期限'],
        r.targets.map((t, i) => [String(i + 1), truncate(t.indicator, 40), COMPARATOR[t.comparator], value(t), t.unit || dash, KIND[t.kind], t.deadline ? String(t.deadline) : dash]),
      ),
    );
  } else out.push('  （未找到量化目标）');
  out.push('');
  out.push(`任务（${r.tasks.length} 项）`);
  if (r.tasks.length) {
    out.push(
      table(
        ['#', '编号', '任务', '责任部门', '时限'],
        r.tasks.map((t, i) => [String(i + 1), t.marker ?? '', truncate(t.title, 36), roles(t) || dash, t.deadline ?? '']),
      ),
    );
  } else out.push('  （未找到任务）');
  out.push('');
  out.push(`责任部门（${r.departments.length} 个）：${r.departments.length ? r.departments.join('、') : dash}`);
  return out.join('\n') + '\n';
}
