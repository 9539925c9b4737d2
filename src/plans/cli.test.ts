// `zhiliang plans import` and `zhiliang plans show` as a user runs them: the real command in a child
// process, on a temp embedded data directory (and on PostgreSQL through DATABASE_URL when set).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { seedDemo } from '../org/seed';
import { DEMO_SEEDS_DIR } from './import';
import { SEED_FILES } from './testing';

const BIN = fileURLToPath(new URL('../../bin/zhiliang.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

forEachDb('zhiliang plans CLI', (getDb) => {
  let env: Record<string, string | undefined>;
  const seed = path.join(DEMO_SEEDS_DIR, SEED_FILES[3]);
  let planId: string;

  beforeAll(async () => {
    const t = getDb();
    await seedDemo(t.db);
    if (t.tier === 'pglite') {
      await t.handle.close(); // releases the data directory for the child process
      env = { ZHILIANG_DATA_DIR: t.dataDir, DATABASE_URL: '' };
    } else {
      env = { DATABASE_URL: (t.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString };
    }
  });

  it('imports a file: prints the new plan id and counts, progress on stderr', async () => {
    const r = await run(['plans', 'import', seed, '--publish', '--json'], env);
    expect(r.stderr).toContain('解析文档');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ created: true, status: 'published' });
    expect(out.counts.targets).toBeGreaterThan(0);
    expect(out.counts.tasks).toBeGreaterThan(0);
    expect(out.departmentsMatched + out.departmentsCreated.length).toBeGreaterThan(0);
    planId = out.planId;
    expect(planId).toMatch(/^\d+$/);
  });

  it('a re-import warns, prints the existing id and exits 0', async () => {
    const r = await run(['plans', 'import', seed], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`警告：该文件已导入过，即计划 ${planId}`);
    expect(r.stdout.trim()).toBe(`计划编号 ${planId}`);
  });

  it('shows the stored plan as JSON', async () => {
    const r = await run(['plans', 'show', planId, '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plan).toMatchObject({ id: planId, status: 'published' });
    expect(out.targets.length).toBeGreaterThan(0);
    expect(out.tasks.some((t: { departments: unknown[] }) => t.departments.length > 0)).toBe(true);
    const t = out.targets[0];
    expect(out.source.text.slice(t.span[0], t.span[1]).length).toBeGreaterThan(0);
  });

  it('bad input: one Chinese line with a code, exit 2, no stack trace', async () => {
    const missing = await run(['plans', 'show', '999999'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('错误 [PLAN_NOT_FOUND]：计划不存在');
    const noFile = await run(['plans', 'import', path.join(os.tmpdir(), 'no-such-plan.txt')], env);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^错误 \[FILE_NOT_FOUND\]：找不到文件/);
    const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zl-cli-')), 'scan.png');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const unsupported = await run(['plans', 'import', png], env);
    expect(unsupported.code).toBe(2);
    expect(unsupported.stderr.trim().split('\n')).toHaveLength(1);
    expect(unsupported.stderr).toContain('UNSUPPORTED_FORMAT');
    expect(unsupported.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
