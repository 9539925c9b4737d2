// `zhiliang enterprises import FILE [--json]` and `zhiliang demo enterprises --count N [--region CODE]`.
//
// import: reads the register file (.xlsx, or .csv in UTF-8 or GB18030), maps its headers by the names
// registration systems use (--map 字段=表头 for others), imports valid rows (insert or update by credit
// code) and reports each refused row with its reason. A progress bar on a terminal (stderr). With
// --json, stdout is exactly { "imported", "updated", "unchanged", "refused": [{ "row", "reason" }] }.
// Importing the same file again imports nothing new (all rows unchanged).
// demo enterprises: a generated register (src/enterprises/generate.ts) written into the authority
// through the same staging and merge; the same --seed gives the same rows.
// Errors: one Chinese line `错误 [CODE]：…` on stderr, exit status 2.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { AppError } from '../core/errors';
import { systemActor } from '../org/auth/model';
import { withCliDatabase } from './database';
import { resolveTenant } from './plans';
import { formatCliError } from './platform';

const EXIT_FAILURE = 2;

export function guarded<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.stdout.on('error', () => {});
    try {
      await fn(...args);
    } catch (err) {
      process.stderr.write(`${formatCliError(err)}\n`);
      if (process.env.ZHILIANG_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exit(EXIT_FAILURE);
    }
  };
}

type Progress = { stage: string; percent: number; rowsRead: number; rowsPerSecond: number; refused: number };

export function progressBar(label: string): { update(p: Progress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    process.stderr.write(`${label}……\n`);
    return { update() {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} {bar} {percentage}% | {rows} 行 | {rate} 行/秒 | 未导入 {refused} | {stage}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { rows: 0, rate: 0, refused: 0, stage: '读取' });
  const stages: Record<string, string> = { reading: '读取', merging: '合并', done: '完成' };
  return {
    update: (p) => bar.update(p.percent, { rows: p.rowsRead, rate: p.rowsPerSecond, refused: p.refused, stage: stages[p.stage] ?? p.stage }),
    stop: () => bar.stop(),
  };
}

/** --map 统一社会信用代码=社会统一编码 (field label or key = the file's header). */
async function mappingFrom(file: string, fileName: string, maps: string[]): Promise<Record<string, number> | undefined> {
  if (maps.length === 0) return undefined;
  const { previewRegisterFile } = await import('../enterprises/service');
  const { IMPORT_FIELDS } = await import('../enterprises/model');
  const p = await previewRegisterFile(file, fileName, Number.POSITIVE_INFINITY);
  const mapping: Record<string, number> = { ...(p.mapping as Record<string, number>) };
  for (const m of maps) {
    const [left, right] = m.split('=').map((s) => s?.trim());
    const field = IMPORT_FIELDS.find((f) => f.key === left || f.label === left);
    if (!field || !right) throw new AppError('BAD_MAPPING', `--map 应为“字段=表头”，如 统一社会信用代码=社会统一编码（字段：${IMPORT_FIELDS.map((f) => f.label).join('、')}）`);
    const i = p.headers.indexOf(right);
    if (i < 0) throw new AppError('BAD_MAPPING', `文件中没有表头“${right}”（表头：${p.headers.join('、')}）`);
    mapping[field.key] = i;
  }
  return mapping;
}

/** The file exists and is a file (else FILE_NOT_FOUND / NOT_A_FILE); its absolute path. */
export async function existingFile(file: string): Promise<string> {
  const path = resolve(file);
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AppError('NOT_A_FILE', `不是一个文件：${file}`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `找不到文件：${file}`, 404);
  }
  return path;
}

async function runImport(file: string, opts: { json?: boolean; tenant?: string; dataDir?: string; map?: string[] }): Promise<void> {
  const path = resolve(file);
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AppError('NOT_A_FILE', `不是一个文件：${file}`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `找不到文件：${file}`, 404);
  }
  const fileName = basename(file);
  const { inspectRegisterFile } = await import('../enterprises/import-file');
  await inspectRegisterFile(path, fileName, Number.POSITIVE_INFINITY); // kind, before opening the database; no size limit: streamed from disk
  const mapping = await mappingFrom(path, fileName, opts.map ?? []);
  const { importRegisterFile } = await import('../enterprises/service');
  const bar = progressBar(`导入 ${fileName}`);
  const r = await withCliDatabase(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    return importRegisterFile(db, systemActor(tenant.id, '命令行导入'), path, fileName, { mapping, maxBytes: Number.POSITIVE_INFINITY, onProgress: (p) => bar.update(p) });
  }).finally(() => bar.stop());
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ imported: r.imported, updated: r.updated, unchanged: r.unchanged, refused: r.refused })}\n`);
    return;
  }
  const lines = [`已导入 ${fileName}：新增 ${r.imported} 户，更新 ${r.updated} 户，未变 ${r.unchanged} 户，未导入 ${r.refusedCount} 行（${r.rowsPerSecond} 行/秒）`];
  for (const x of r.refused.slice(0, 50)) lines.push(`  第 ${x.row} 行：${x.reason}`);
  if (r.refused.length > 50) lines.push(`  ……另有 ${r.refused.length - 50} 行未列出（用 --json 查看全部，或在网页中下载未导入的行）`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runDemo(opts: { count: string; region?: string; seed?: string; tenant?: string; dataDir?: string; json?: boolean }): Promise<void> {
  const count = Number(opts.count);
  if (!Number.isInteger(count) || count < 1 || count > 20_000_000) throw new AppError('BAD_COUNT', `--count 应为 1 到 20000000 之间的整数：${opts.count}`);
  if (opts.region !== undefined && !/^\d{6}$/.test(opts.region)) throw new AppError('BAD_REGION', `--region 应为6位行政区划代码：${opts.region}`);
  const { generateRegister } = await import('../enterprises/service');
  const bar = progressBar(`生成 ${count} 户企业`);
  const r = await withCliDatabase(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    return generateRegister(db, systemActor(tenant.id, '命令行生成'), {
      count,
      regionCode: opts.region,
      seed: opts.seed !== undefined ? Number(opts.seed) : undefined,
      onProgress: (p) => bar.update({ ...p, percent: Math.min(100, Math.round((p.rowsRead / count) * 90)) }),
    });
  }).finally(() => bar.stop());
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ imported: r.imported, updated: r.updated, unchanged: r.unchanged, ms: r.ms })}\n`);
    return;
  }
  process.stdout.write(`已生成企业名录：新增 ${r.imported} 户，更新 ${r.updated} 户，未变 ${r.unchanged} 户，用时 ${(r.ms / 1000).toFixed(1)} 秒\n`);
}

export function registerEnterprises(program: Command): void {
  const dataDir = () => new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）');
  const tenant = () => new Option('--tenant <tenant>', '主管单位（编号或名称；只有一个时可省略）');
  const enterprises = program.command('enterprises').description('企业名录');
  enterprises
    .command('import')
    .description('导入企业名录（.xlsx，或 UTF-8 / GB18030 的 .csv）：按统一社会信用代码新增或更新，逐行报告未导入的行和原因')
    .argument('<file>', '名录文件路径')
    .option('--json', '以 JSON 输出：{ "imported", "updated", "unchanged", "refused": [{ "row", "reason" }] }')
    .option('--map <字段=表头>', '表头名称不同时指定对应关系，可重复，如 --map 统一社会信用代码=社会统一编码', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(tenant())
    .addOption(dataDir())
    .action(guarded(runImport));
  const demo = program.command('demo').description('示范数据');
  demo
    .command('enterprises')
    .description('生成一份合成的企业名录（有效的信用代码、辖区内的区划、常见的行业构成）写入主管单位')
    .requiredOption('--count <n>', '企业户数')
    .option('--region <code>', '登记机关所在的行政区划代码（默认主管单位的区划）')
    .option('--seed <n>', '随机种子（相同种子生成相同名录）')
    .option('--json', '以 JSON 输出结果')
    .addOption(tenant())
    .addOption(dataDir())
    .action(guarded(runDemo));
}
