// `zhiliang plans import FILE [--publish]` and `zhiliang plans show ID [--json]`.
//
// import: parses the file, matches its department names to the directory (exact, alias or the same
// core name; other names become new departments), saves the plan as a draft (published with
// --publish) through the same confirm path as the web, and prints the plan's id and counts.
// Progress goes to stderr. A file imported before (same SHA-256 in the tenant) is not imported
// again: a warning on stderr, the existing plan's id on stdout, exit status 0 — the wanted state
// ("this file is a plan") holds, so scripts and repeated runs can rely on the printed id.
// Errors: one Chinese line `错误 [CODE]：…` on stderr, exit status 2.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { asc } from 'drizzle-orm';
import { AppError } from '../core/errors';
import type { Db } from '../core/db/index';
import { withCliDatabase } from './database';
import { formatCliError } from './platform';

const EXIT_FAILURE = 2;

/** --tenant as an id or a name; without it the only tenant of the database. */
export async function resolveTenant(db: Db, tenant?: string): Promise<{ id: number; name: string }> {
  const { tenants } = await import('../org/tenancy/tables');
  const all = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).orderBy(asc(tenants.id));
  if (tenant !== undefined) {
    const t = /^\d+$/.test(tenant) ? all.find((x) => x.id === Number(tenant)) : all.find((x) => x.name === tenant.trim());
    if (!t) throw new AppError('TENANT_NOT_FOUND', `找不到主管单位：${tenant}`, 404);
    return t;
  }
  if (all.length === 0) {
    throw new AppError('NO_TENANT', '数据库中还没有主管单位：示范单位的创建已被 ZHILIANG_SEED_DEMO 关闭，请先去掉该设置再运行一次命令', 400);
  }
  if (all.length > 1) throw new AppError('TENANT_REQUIRED', `数据库中有 ${all.length} 个主管单位，请用 --tenant 指定（编号或名称）`, 400);
  return all[0];
}

async function withDb<T>(opts: { dataDir?: string }, fn: (db: Db) => Promise<T>): Promise<T> {
  return withCliDatabase(opts, (db) => fn(db));
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new AppError('NOT_A_FILE', `不是一个文件：${file}`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('FILE_NOT_FOUND', `找不到文件：${file}`, 404);
    throw new AppError('READ_FAILED', `无法读取文件：${file}`);
  }
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    throw new AppError('READ_FAILED', `无法读取文件：${file}`);
  }
}

interface ImportOptions {
  publish?: boolean;
  tenant?: string;
  dataDir?: string;
  json?: boolean;
}

async function runImport(file: string, opts: ImportOptions): Promise<void> {
  const { importActor, importPlanFile, checkUpload, IMPORT_STAGE_LABELS } = await import('../plans/import');
  const bytes = await readInput(file);
  const fileName = basename(file);
  checkUpload(fileName, bytes.length); // before opening the database
  const stages = ['parse', 'match', 'save', ...(opts.publish ? ['publish'] : []), 'done'] as const;
  const tty = Boolean(process.stderr.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: '导入 {bar} {value}/{total} {stage}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(stages.length, 0, { stage: '打开数据库' });
  if (!tty) process.stderr.write(`正在导入 ${fileName}……\n`);
  const result = await withDb(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    return importPlanFile(db, importActor(tenant.id, '命令行导入'), bytes, fileName, {
      publish: opts.publish,
      onStage: (s) => {
        const i = stages.indexOf(s as (typeof stages)[number]);
        if (bar) bar.update(i >= 0 ? i + 1 : 0, { stage: IMPORT_STAGE_LABELS[s] });
        else if (s !== 'done') process.stderr.write(`  ${IMPORT_STAGE_LABELS[s]}……\n`);
      },
    });
  }).finally(() => bar?.stop());

  if (!result.created) {
    process.stderr.write(`警告：该文件已导入过，即计划 ${result.planId}“${result.title}”，未重复导入\n`);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...result, planId: String(result.planId) }, null, 2)}\n`);
    return;
  }
  if (!result.created) {
    process.stdout.write(`计划编号 ${result.planId}\n`);
    return;
  }
  const statusLabel = result.status === 'published' ? '已发布' : '草稿';
  const lines = [
    `已导入计划 ${result.planId}：${result.title}（${statusLabel}）`,
    `  目标 ${result.counts.targets} 项，任务 ${result.counts.tasks} 项，责任部门 ${result.counts.departments} 个`,
    `  部门匹配：名录中已有 ${result.departmentsMatched} 个，新建 ${result.departmentsCreated.length} 个${
      result.departmentsCreated.length ? `（${result.departmentsCreated.join('、')}）` : ''
    }`,
    `计划编号 ${result.planId}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runShow(id: string, opts: { json?: boolean; tenant?: string; dataDir?: string }): Promise<void> {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new AppError('INVALID_ID', `计划编号应为正整数：${id}`);
  const { getPlan } = await import('../plans/service');
  const { importActor } = await import('../plans/import');
  const { planOut, targetOut, taskOut } = await import('../plans/routes');
  const detail = await withDb(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    return getPlan(db, importActor(tenant.id, '命令行'), Number(id));
  });
  const out = {
    plan: planOut(detail.plan),
    source: detail.source ? { ...detail.source } : null,
    topics: detail.topics,
    outline: detail.outline,
    targets: detail.targets.map(targetOut),
    tasks: detail.tasks.map(taskOut),
    departments: detail.departments.map((d) => ({ id: String(d.id), name: d.name })),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const p = out.plan;
  const lines = [
    `计划 ${p.id}：${p.title}（${p.status === 'published' ? '已发布' : p.status === 'draft' ? '草稿' : '已归档'}）`,
    `  文号：${p.documentNumber ?? '—'}　发文机关：${p.issuer ?? '—'}　期限：${p.periodStartYear ?? '?'}–${p.periodEndYear ?? '?'}`,
    `  来源文件：${out.source?.fileName ?? '—'}`,
    `目标（${out.targets.length} 项）：`,
    ...out.targets.map(
      (t, i) => `  ${i + 1}. ${t.indicator} ${t.comparator} ${t.value}${t.valueMax !== null ? `–${t.valueMax}` : ''}${t.unit}${t.deadlineYear ? `（${t.deadlineYear}年）` : ''}`,
    ),
    `任务（${out.tasks.length} 项）：`,
    ...out.tasks.map(
      (t, i) =>
        `  ${i + 1}. ${[...t.title].slice(0, 40).join('')}${[...t.title].length > 40 ? '…' : ''}　${t.departments.map((d) => `${d.name}${d.role === 'lead' ? '（牵头）' : ''}`).join('、')}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

/** Display width of a string in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

async function runList(opts: { json?: boolean; status?: string; tenant?: string; dataDir?: string }): Promise<void> {
  if (opts.status !== undefined && !['draft', 'published', 'archived'].includes(opts.status)) {
    throw new AppError('INVALID_STATUS', `状态应为 draft（草稿）、published（已发布）或 archived（已归档）：${opts.status}`);
  }
  const { listPlans, PLAN_LIST_MAX_PAGE_SIZE } = await import('../plans/service');
  const { importActor } = await import('../plans/import');
  const items = await withDb(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    const actor = importActor(tenant.id, '命令行');
    const status = opts.status as 'draft' | 'published' | 'archived' | undefined;
    // The list API is paginated; the command prints every plan, a page at a time.
    const all = [];
    for (let page = 1; ; page += 1) {
      const { items: batch, total } = await listPlans(db, actor, { status, page, pageSize: PLAN_LIST_MAX_PAGE_SIZE });
      all.push(...batch);
      if (batch.length === 0 || all.length >= total) break;
    }
    return all;
  });
  const rows = items
    .map((p) => ({ id: String(p.id), title: p.title, status: p.status, documentNumber: p.documentNumber ?? null, targets: p.counts.targets, tasks: p.counts.tasks }))
    .sort((a, b) => Number(a.id) - Number(b.id));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('还没有计划：用 zhiliang plans import 文件 导入\n');
    return;
  }
  const idW = Math.max(4, ...rows.map((r) => width(r.id)));
  const lines = [`${padEnd('编号', idW)}  ${padEnd('状态', 6)}  ${padEnd('目标', 4)}  ${padEnd('任务', 4)}  标题`];
  for (const r of rows) {
    lines.push(`${padEnd(r.id, idW)}  ${padEnd(STATUS_LABELS[r.status] ?? r.status, 6)}  ${padEnd(String(r.targets), 4)}  ${padEnd(String(r.tasks), 4)}  ${r.title}`);
  }
  lines.push(`共 ${rows.length} 个计划`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function guarded<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.stdout.on('error', () => {}); // a closed pipe (`| head`) is not an error of ours
    try {
      await fn(...args);
    } catch (err) {
      const { ingestToAppError } = await import('../plans/import');
      process.stderr.write(`${formatCliError(ingestToAppError(err))}\n`);
      if (process.env.ZHILIANG_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exit(EXIT_FAILURE);
    }
  };
}

export function registerPlans(program: Command): void {
  const dataDir = () => new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）');
  const tenant = () => new Option('--tenant <tenant>', '主管单位（编号或名称；只有一个时可省略）');
  const plans = program.command('plans').description('行动计划');
  plans
    .command('import')
    .description('导入计划文档（txt、html、docx、pdf）为草稿计划，打印计划编号和数量；同一文件已导入过时给出警告并打印已有计划的编号（退出码 0）')
    .argument('<file>', '文档路径')
    .option('--publish', '导入后立即发布')
    .option('--json', '以 JSON 输出结果')
    .addOption(tenant())
    .addOption(dataDir())
    .action(guarded(runImport));
  plans
    .command('list')
    .description('列出计划：编号、标题、状态、目标数和任务数')
    .option('--json', '以 JSON 输出（数组：id、title、status、documentNumber、targets、tasks）')
    .option('--status <status>', '只列出某一状态：draft 草稿、published 已发布、archived 已归档')
    .addOption(tenant())
    .addOption(dataDir())
    .action(guarded(runList));
  plans
    .command('show')
    .description('显示已保存的计划')
    .argument('<id>', '计划编号')
    .option('--json', '以 JSON 输出（与 GET /api/plans/:id 相同）')
    .addOption(tenant())
    .addOption(dataDir())
    .action(guarded(runShow));
}
