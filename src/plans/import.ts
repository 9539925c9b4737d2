// Document → plan: parse an uploaded file and match its department names against the directory
// (for the review screen), turn an extraction into a confirm request, and the non-interactive
// import the CLI and the demo seed use (same confirm path as the web).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSessionLock, type Db, type DbOrTx } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { AppError, badRequest } from '../core/errors';
import { isIngestError } from '../ingest/errors';
import type { PlanExtraction } from '../ingest/model';
import { cleanName, looksLikeUnitName, matchAgainst, type Department, type DepartmentKind, type DepartmentMatch } from '../org/departments/model';
import { selectDepartments } from '../org/departments/store';
import { extensionOf, PLAN_UPLOAD, sha256Hex } from './model';
import type { ConfirmPlanInput, DepartmentNameMatch, DepartmentResolution, ParseResponse } from './schemas';
import { confirmPlan, findDuplicates, publishPlan, type ConfirmResult } from './service';
import { selectImportedShas, selectPlan } from './store';
import { readPlanSettings } from './settings/service';
import { tenants } from '../org/tenancy/tables';
import { eq } from 'drizzle-orm';

/** Ingest errors that refuse a file by a limit, with their HTTP status. */
const LIMIT_STATUS: Partial<Record<string, number>> = {
  INFLATED_TOO_LARGE: 413, // unpacks to more than the limits (zip sizes, PDF streams)
  DECOMPRESSION_BOMB: 422, // inflates to more than it declares
  TOO_COMPLEX: 422, // more elements than the engine parses in reasonable time
  PARSE_TIMEOUT: 422,
  PARSE_OUT_OF_MEMORY: 422,
  PARSER_BUSY: 503,
};

/**
 * Ingest errors as AppError: input problems are 400, sizes 413, files refused by the parse limits
 * 422, a full parse queue 503, engine failures 500.
 */
export function ingestToAppError(e: unknown): unknown {
  if (!isIngestError(e)) return e;
  if (e.code === 'TOO_LARGE') return new AppError('FILE_TOO_LARGE', e.message, 413);
  const limit = LIMIT_STATUS[e.code];
  if (limit) return new AppError(e.code, e.message, limit);
  if (e.isInputError) return new AppError(e.code, e.message, 400);
  return new AppError('PARSE_FAILED', e.message, 500);
}

/** How the document engine is called: in process (CLI, demo seed) or in a sandbox (the server). */
export type PlanParser = (bytes: Uint8Array, fileName: string) => Promise<PlanExtraction>;

/** Refuses a file the platform does not take as a plan document. */
export function checkUpload(fileName: string, size: number): void {
  const ext = extensionOf(fileName);
  if (!PLAN_UPLOAD.extensions.includes(ext)) {
    throw new AppError('UNSUPPORTED_FORMAT', `不支持的文件类型${ext ? ` ${ext}` : ''}：请上传 txt、html、docx 或 pdf 文件`, 415);
  }
  if (size === 0) throw badRequest('文件是空的，没有可解析的内容', 'EMPTY_FILE');
  if (size > PLAN_UPLOAD.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `文件过大（${(size / 1024 / 1024).toFixed(1)} MB），不能超过 ${PLAN_UPLOAD.maxBytes / 1024 / 1024} MB`, 413);
  }
}

const brief = (m: DepartmentMatch) => ({
  kind: m.kind,
  department: { id: String(m.department.id), name: m.department.name, shortName: m.department.shortName },
  score: m.score,
  matched: m.matched,
});

/** Each department name of an extraction against the tenant's directory. */
export function matchNames(ex: PlanExtraction, directory: readonly Department[], unitNames: readonly string[] = []): DepartmentNameMatch[] {
  const taskCount = new Map<string, number>();
  const names: string[] = [];
  const add = (n: string) => {
    const c = cleanName(n);
    if (c && !names.includes(c)) names.push(c);
  };
  for (const n of ex.departments) add(n);
  for (const t of ex.tasks) {
    for (const d of t.departments) {
      add(d.name);
      const c = cleanName(d.name);
      taskCount.set(c, (taskCount.get(c) ?? 0) + 1);
    }
  }
  return names.map((name) => {
    const r = matchAgainst(name, directory);
    const status: DepartmentNameMatch['status'] = r.match
      ? r.match.kind === 'exact'
        ? 'exact'
        : 'alias'
      : r.suggestions.length
        ? 'suggested'
        : 'none';
    return { name, status, match: r.match ? brief(r.match) : null, suggestions: r.suggestions.map(brief), taskCount: taskCount.get(name) ?? 0, unitLike: looksLikeUnitName(name, unitNames) };
  });
}

/**
 * Suggested responsible departments of each target: those of the task whose text contains the
 * target's sentence (the innermost one), e.g. a number inside a 重点任务 paragraph with
 * （责任单位：区经信局）. Targets outside every task (a 主要目标 section) get none: the office assigns them.
 */
export function suggestTargetDepartments(ex: PlanExtraction): { name: string; role: 'lead' | 'co' }[][] {
  return ex.targets.map((t) => {
    let best: PlanExtraction['tasks'][number] | undefined;
    for (const k of ex.tasks) {
      if (k.span[0] <= t.span[0] && t.span[1] <= k.span[1] && k.departments.length > 0) {
        if (!best || k.span[1] - k.span[0] < best.span[1] - best.span[0]) best = k;
      }
    }
    return best ? best.departments.map((d) => ({ name: cleanName(d.name), role: d.role })) : [];
  });
}

const toDepartment = (r: Awaited<ReturnType<typeof selectDepartments>>[number]): Department => ({ ...r, kind: r.kind as DepartmentKind });

export interface ParsedUpload {
  extraction: PlanExtraction;
  sha256: string;
  sizeBytes: number;
  fileName: string;
}

/** Parses bytes with the document engine (errors as AppError); in process unless `parse` is given. */
/**
 * The engine in this thread, loaded on first use: the server parses on its sandbox workers and never
 * needs it, so that its dictionaries (jieba, OpenCC) and models stay out of the server's memory.
 */
const parseHere: PlanParser = async (bytes, fileName) => (await import('../ingest/index')).parsePlan(bytes, fileName);

export async function parseBytes(bytes: Uint8Array, fileName: string, parse: PlanParser = parseHere): Promise<ParsedUpload> {
  checkUpload(fileName, bytes.length);
  try {
    const extraction = await parse(bytes, fileName);
    return { extraction, sha256: sha256Hex(bytes), sizeBytes: bytes.length, fileName };
  } catch (e) {
    throw ingestToAppError(e);
  }
}

/** What the review screen needs: the extraction, department matches, and an earlier import of the same file. */
export async function parseUpload(db: Db, actor: Actor, bytes: Uint8Array, fileName: string, parse?: PlanParser): Promise<ParseResponse> {
  assertCan(actor, 'plans:import');
  const parsed = await parseBytes(bytes, fileName, parse);
  return reviewOf(db, actor.tenantId, parsed);
}

export async function reviewOf(db: DbOrTx, tenantId: number, parsed: ParsedUpload): Promise<ParseResponse> {
  const directory = (await selectDepartments(db, tenantId)).map(toDepartment);
  const dups = await findDuplicates(db, tenantId, parsed.sha256);
  return {
    extraction: parsed.extraction,
    source: { sha256: parsed.sha256, sizeBytes: parsed.sizeBytes, fileName: parsed.fileName },
    departments: matchNames(parsed.extraction, directory, (await readPlanSettings(db, tenantId)).unitNames),
    targetDepartments: suggestTargetDepartments(parsed.extraction),
    duplicateOf: dups.length
      ? { id: String(dups[0].id), title: dups[0].title, status: dups[0].status as 'draft', createdAt: dups[0].createdAt.toISOString() }
      : null,
  };
}

/** A near match this close (same core name: 县市场监管局 ~ 区市场监管局) is taken without asking. */
export const AUTO_LINK_SCORE = 0.95;

/**
 * Decisions for the non-interactive import: exact / short name / alias → link; a near match with
 * the same core name → link; a name shaped like a unit's → create it; anything else (a fragment
 * of a sentence) → ignore.
 */
export function autoResolve(matches: DepartmentNameMatch[]): DepartmentResolution[] {
  return matches.map((m) => {
    if (m.match) return { name: m.name, action: 'link', departmentId: m.match.department.id };
    const best = m.suggestions[0];
    if (best && best.score >= AUTO_LINK_SCORE) return { name: m.name, action: 'link', departmentId: best.department.id, addAlias: true };
    if (m.unitLike) return { name: m.name, action: 'create' };
    return { name: m.name, action: 'ignore' };
  });
}

/** A confirm request from an extraction as it is (no corrections). */
export function confirmInputFrom(review: ParseResponse, resolutions: DepartmentResolution[], opts: { allowDuplicate?: boolean } = {}): ConfirmPlanInput {
  const ex = review.extraction;
  const md = ex.metadata;
  const clip = (s: string | null, n: number) => (s === null ? null : [...s].slice(0, n).join(''));
  return {
    source: {
      sha256: review.source.sha256,
      fileName: review.source.fileName.slice(0, 255),
      format: ex.source.format,
      encoding: ex.source.encoding,
      normalizations: ex.source.normalizations,
      sizeBytes: review.source.sizeBytes,
      text: ex.text,
    },
    metadata: {
      title: clip(md.title, 300) || review.source.fileName.replace(/\.[^.]+$/, '').slice(0, 300) || '未命名计划',
      issuer: clip(md.issuer, 200),
      documentNumber: clip(md.documentNumber, 100),
      indexNumber: clip(md.indexNumber, 100),
      writtenDate: md.writtenDate && /^\d{4}-\d{2}-\d{2}$/.test(md.writtenDate) ? md.writtenDate : null,
      publishedDate: md.publishedDate && /^\d{4}-\d{2}-\d{2}$/.test(md.publishedDate) ? md.publishedDate : null,
      periodStartYear: md.period?.startYear ?? null,
      periodEndYear: md.period?.endYear ?? null,
      region: clip(md.region, 100),
    },
    topics: ex.topics,
    outline: ex.outline,
    targets: ex.targets.map((t, i) => ({
      indicator: [...t.indicator].slice(0, 300).join('') || '（未命名指标）',
      comparator: t.comparator,
      value: t.value,
      valueMax: t.comparator === 'range' ? (t.valueMax ?? t.value) : null,
      unit: t.unit.slice(0, 40),
      kind: t.kind,
      deadlineYear: t.deadline,
      span: t.span,
      origin: 'extracted',
      departments: review.targetDepartments[i] ?? [],
    })),
    tasks: ex.tasks.map((t) => ({
      marker: t.marker ? t.marker.slice(0, 20) : null,
      title: [...t.title].slice(0, 2000).join('') || '（未命名任务）',
      span: t.span,
      deadlineText: t.deadline ? t.deadline.slice(0, 100) : null,
      origin: 'extracted',
      departments: t.departments.map((d) => ({ name: d.name, role: d.role })),
    })),
    departments: resolutions,
    allowDuplicate: opts.allowDuplicate,
  };
}

export type ImportStage = 'read' | 'parse' | 'match' | 'save' | 'publish' | 'done';
export const IMPORT_STAGE_LABELS: Record<ImportStage, string> = {
  read: '读取文件',
  parse: '解析文档',
  match: '匹配责任部门',
  save: '保存计划',
  publish: '发布',
  done: '完成',
};

export interface ImportFileResult {
  /** false: the same file was imported before; `planId` is that plan and nothing changed */
  created: boolean;
  planId: number;
  title: string;
  status: string;
  counts: { targets: number; tasks: number; departments: number };
  departmentsMatched: number;
  departmentsCreated: string[];
}

/**
 * Imports one file without review: parse, auto-resolve departments, confirm, optionally publish.
 * A file already imported (same SHA-256 in the tenant) is not imported again: `created: false`.
 */
export async function importPlanFile(
  db: Db,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  opts: { publish?: boolean; onStage?: (stage: ImportStage) => void; parse?: PlanParser } = {},
): Promise<ImportFileResult> {
  assertCan(actor, 'plans:import');
  const stage = opts.onStage ?? (() => {});
  checkUpload(fileName, bytes.length);
  const sha = sha256Hex(bytes);
  const dups = await findDuplicates(db, actor.tenantId, sha);
  if (dups.length) {
    const p = await selectPlan(db, actor.tenantId, dups[0].id);
    stage('done');
    return { created: false, planId: dups[0].id, title: dups[0].title, status: p?.status ?? dups[0].status, counts: { targets: 0, tasks: 0, departments: 0 }, departmentsMatched: 0, departmentsCreated: [] };
  }
  stage('parse');
  const parsed = await parseBytes(bytes, fileName, opts.parse);
  stage('match');
  const review = await reviewOf(db, actor.tenantId, parsed);
  const resolutions = autoResolve(review.departments);
  stage('save');
  const result: ConfirmResult = await confirmPlan(db, actor, confirmInputFrom(review, resolutions));
  let status: string = result.plan.status;
  if (opts.publish && (result.counts.targets > 0 || result.counts.tasks > 0)) {
    stage('publish');
    status = (await publishPlan(db, actor, result.plan.id)).status;
  }
  stage('done');
  return {
    created: true,
    planId: result.plan.id,
    title: result.plan.title,
    status,
    counts: result.counts,
    departmentsMatched: result.departmentsLinked,
    departmentsCreated: result.departmentsCreated.map((d) => d.name),
  };
}

// --- demo -------------------------------------------------------------------------------------------

/** ../shared/seeds beside the repository (an input of the project, not part of it). */
export const DEMO_SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/** The system importing the demo plans (acts as the office). */
export function importActor(tenantId: number, name = '系统导入'): Actor {
  return { tenantId, userId: null, username: 'system', displayName: name, role: 'office', departmentId: null };
}

/** Advisory lock key of the demo import ('zl_demo' in ASCII). */
const DEMO_IMPORT_LOCK_KEY = '34459104120761711';

export interface DemoImportResult {
  imported: number;
  skipped: number;
  missing: boolean;
  plans: ImportFileResult[];
}

/**
 * Imports and publishes the seed documents into the demo authority through the same path as the
 * CLI. Idempotent: a seed already imported (same hash) is skipped. Only for the demo tenant
 * (示范区); a missing seeds folder is a Chinese warning, not an error.
 */
export async function importDemoPlans(
  db: Db,
  tenantId: number,
  opts: { dir?: string; log?: (line: string) => void; demoTenantName?: string; parse?: PlanParser } = {},
): Promise<DemoImportResult> {
  const warn = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant || tenant.name !== (opts.demoTenantName ?? '示范区')) return { imported: 0, skipped: 0, missing: false, plans: [] };
  const dir = opts.dir ?? DEMO_SEEDS_DIR;
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => PLAN_UPLOAD.extensions.includes(extensionOf(f)))
      .sort();
  } catch {
    warn(`警告：未找到示范计划文件目录 ${dir}，跳过示范计划导入`);
    return { imported: 0, skipped: 0, missing: true, plans: [] };
  }
  const actor = importActor(tenantId, '系统（示范数据）');
  const out: DemoImportResult = { imported: 0, skipped: 0, missing: false, plans: [] };
  // The files not imported yet are parsed first, before the lock: the lock holds the database's one
  // embedded connection, and parsing inside it kept every user's request waiting (a sign-in during a
  // first start's demo load answered 503 after 5 s on a busy machine). A file already imported by
  // then (another server) is found by its hash and its parse is not used.
  const parse = opts.parse ?? parseHere;
  const pending = new Set(await pendingDemoPlans(db, tenantId, { dir, demoTenantName: opts.demoTenantName }));
  const parsed = new Map<string, Promise<PlanExtraction>>();
  for (const f of files) {
    if (!pending.has(f)) continue;
    const p = parse(new Uint8Array(fs.readFileSync(path.join(dir, f))), f);
    p.catch(() => {}); // reported below, when its import is tried
    parsed.set(f, p);
  }
  await Promise.allSettled(parsed.values());
  // two servers starting at once on one database: the second waits, then finds every seed imported
  await withSessionLock(db, DEMO_IMPORT_LOCK_KEY, async () => {
    for (const f of files) {
      try {
        const ready = parsed.get(f); // settled: a parse error is reported by the import
        const r = await importPlanFile(db, actor, fs.readFileSync(path.join(dir, f)), f, {
          publish: true,
          parse: ready ? () => ready : parse,
        });
        out.plans.push(r);
        if (r.created) out.imported++;
        else out.skipped++;
      } catch (e) {
        warn(`警告：示范计划 ${f} 导入失败：${(e as Error).message}`);
      }
    }
  });
  if (out.imported > 0) warn(`  已导入并发布 ${out.imported} 个示范计划（来自 ${dir}）`);
  return out;
}

/**
 * The seed files the demo authority has not imported yet (by hash: reading five small files and one
 * query, no parsing), so that a start on an existing data dir does no import work. [] for another
 * tenant or without a seeds folder.
 */
export async function pendingDemoPlans(db: DbOrTx, tenantId: number, opts: { dir?: string; demoTenantName?: string } = {}): Promise<string[]> {
  const [tenant] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant || tenant.name !== (opts.demoTenantName ?? '示范区')) return [];
  const dir = opts.dir ?? DEMO_SEEDS_DIR;
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => PLAN_UPLOAD.extensions.includes(extensionOf(f)));
  } catch {
    return [];
  }
  const shaOf = new Map(files.map((f) => [sha256Hex(fs.readFileSync(path.join(dir, f))), f]));
  const found = await selectImportedShas(db, tenantId, [...shaOf.keys()]);
  return [...shaOf].filter(([sha]) => !found.has(sha)).map(([, f]) => f).sort();
}
