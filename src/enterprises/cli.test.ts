// `zhiliang enterprises import` and `zhiliang demo enterprises` as a user runs them: the real command
// in a child process, on a temp embedded data directory (and on PostgreSQL through DATABASE_URL).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { DEMO_TENANT, seedDemo } from '../org/seed';
import { generateEnterprises } from './generate';
import { generatorAreas } from './generate-areas';
import { registerCells, writeRegisterCsv } from './register-file';
import { syntheticToInput } from './service';

const BIN = fileURLToPath(new URL('../../bin/zhiliang.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-ent-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 180_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

forEachDb('zhiliang enterprises CLI', (getDb) => {
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    const t = getDb();
    await seedDemo(t.db);
    if (t.tier === 'pglite') {
      await t.handle.close();
      env = { ZHILIANG_DATA_DIR: t.dataDir, DATABASE_URL: '' };
    } else {
      env = { DATABASE_URL: (t.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString };
    }
  });

  it('imports a register with --json, naming each refused row, and imports nothing new the second time', async () => {
    const rows = [...generateEnterprises({ count: 30, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 3, firstSerial: 500_000 })].map(syntheticToInput);
    const bad = registerCells(rows[4]!);
    bad[6] = '一百万';
    const file = path.join(dir, '名录.csv');
    await writeRegisterCsv(file, [...rows.slice(0, 4), bad, ...rows.slice(5)], { encoding: 'gb18030' });
    const r = await run(['enterprises', 'import', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 29, updated: 0, unchanged: 0, refused: [{ row: 6, reason: '注册资本“一百万”不是数字（单位：万元）' }] });
    const again = await run(['enterprises', 'import', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 29 });
  });

  it('refuses a file that is not a spreadsheet with a Chinese line and status 2', async () => {
    const file = path.join(dir, 'x.pdf');
    fs.writeFileSync(file, '%PDF-1.7 nothing');
    const r = await run(['enterprises', 'import', file], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误 \[NOT_A_SPREADSHEET\]：“x.pdf”不是可导入的电子表格/);
  });

  it('credit import: imports credit events with --json, naming each refused row, nothing new the second time', async () => {
    const rows = [...generateEnterprises({ count: 3, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 3, firstSerial: 500_000 })].map(syntheticToInput);
    const file = path.join(dir, '信用记录.csv');
    const lines = [
      ['统一社会信用代码', '企业名称', '记录类型', '决定日期', '决定书文号', '事由'],
      [rows[0]!.creditCode, rows[0]!.name, '行政处罚', '2026-11-10', '市监处罚〔2026〕1号', '生产销售不合格产品'],
      [rows[1]!.creditCode, rows[1]!.name, '投诉', '2026-13-40', '', ''],
      [rows[2]!.creditCode, rows[2]!.name, '产品抽检不合格', '2026-10-08', '', '导体电阻不合格'],
    ];
    fs.writeFileSync(file, lines.map((l) => l.join(',')).join('\n'));
    const r = await run(['credit', 'import', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { imported: number; unchanged: number; refused: Array<{ row: number; reason: string }> };
    expect([out.imported, out.unchanged, out.refused.map((x) => x.row)]).toEqual([2, 0, [3]]);
    expect(out.refused[0]!.reason).toMatch(/日期/);
    const again = await run(['credit', 'import', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 2 });
    const missing = await run(['credit', 'import', path.join(dir, 'none.csv')], env);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^错误 \[FILE_NOT_FOUND\]：找不到文件/)]);
  });

  it('declarations import: declared standards with --json, each refused row named, a changed name updated, the same file again changing nothing', async () => {
    const rows = [...generateEnterprises({ count: 3, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 3, firstSerial: 500_000 })].map(syntheticToInput);
    const file = path.join(dir, '企业标准声明.csv');
    const write = (name: string) =>
      fs.writeFileSync(
        file,
        [
          ['统一社会信用代码', '企业名称', '标准编号', '标准名称', '标准类型', '产品', '声明日期'],
          [rows[0]!.creditCode, rows[0]!.name, 'Q/ZL 0001-2026', name, '企业标准', '电热水壶', '2026-03-01'],
          [rows[1]!.creditCode, rows[1]!.name, 'Q/ZL 0002-2026', '电线电缆', '企业标准', '', '2026-3-5'],
          ['91330900MA2A000000', '名录里没有的企业', 'Q/ZL 0003-2026', '玩具', '企业标准', '', '2026-03-06'],
          [rows[2]!.creditCode, rows[2]!.name, 'Q/ZL 0004-2026', '灯具', '企业标准', '', '明年'],
        ]
          .map((l) => l.join(','))
          .join('\n'),
      );
    write('电热水壶');
    const r = await run(['declarations', 'import', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { imported: number; updated: number; unchanged: number; refused: Array<{ row: number; reason: string }> };
    expect([out.imported, out.updated, out.unchanged, out.refused.map((x) => x.row)]).toEqual([2, 0, 0, [4, 5]]);
    expect(out.refused[1]!.reason).toMatch(/声明日期/);
    expect((await run(['declarations', 'import', file, '--json'], env)).stdout).toContain('"imported":0,"updated":0,"unchanged":2');
    write('电热水壶（第二版）');
    const changed = await run(['declarations', 'import', file], env);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/新增 0 项标准声明，更新 1 项，未变 1 项，未导入 2 行/);
    expect(changed.stdout).toMatch(/第 4 行：/);
    const notSheet = path.join(dir, 'decl.pdf');
    fs.writeFileSync(notSheet, '%PDF-1.7 nothing');
    const refusedFile = await run(['declarations', 'import', notSheet], env);
    expect([refusedFile.code, refusedFile.stderr]).toEqual([2, expect.stringMatching(/^错误 \[NOT_A_SPREADSHEET\]/)]);
  });

  it('writes a generated register with demo enterprises, the same rows again adding nothing', async () => {
    const r = await run(['demo', 'enterprises', '--count', '500', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 500, updated: 0 });
    const again = await run(['demo', 'enterprises', '--count', '500', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 500 });
  });
});
