// `zhiliang draw verify FILE` as a user runs it: a real process on a published file, then the same file
// with one character of the seed or the frame changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDrawFile, type DrawFile } from '../inspections/draw';
import { DEMO_SEED, sampleDraw } from '../inspections/testing';
import { runDrawVerify } from './draw';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let published: DrawFile;
let publishedV2: DrawFile;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhiliang-draw-'));
  const { frame, lists } = sampleDraw();
  published = await buildDrawFile(frame, lists, DEMO_SEED);
  const v2 = sampleDraw({ version: 2 });
  publishedV2 = await buildDrawFile(v2.frame, v2.lists, DEMO_SEED);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, f: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof f === 'string' ? f : JSON.stringify(f, null, 2));
  return p;
}

async function verify(file: string) {
  let out = '';
  let err = '';
  const code = await runDrawVerify(file, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

describe('zhiliang draw verify', () => {
  it('prints OK for the published file (the real command)', () => {
    const r = spawnSync(process.execPath, ['bin/zhiliang.js', 'draw', 'verify', save('ok.json', published)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/错误/);
    expect(r.stdout).toMatch(/^OK 核验通过：2026年食品生产企业双随机抽查.*25 个检查对象、5 名检查人员/);
    expect(r.status).toBe(0);
  });

  it('prints OK for a version-2 file too, and fails it when one character of the frame changes', () => {
    expect(publishedV2.version).toBe(2);
    const ok = spawnSync(process.execPath, ['bin/zhiliang.js', 'draw', 'verify', save('ok2.json', publishedV2)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(ok.stdout).toMatch(/^OK 核验通过：2026年食品生产企业双随机抽查.*25 个检查对象/);
    expect(ok.status).toBe(0);
    const f = structuredClone(publishedV2);
    f.frame.authority = f.frame.authority.replace('示范区', '示范县');
    const bad = spawnSync(process.execPath, ['bin/zhiliang.js', 'draw', 'verify', save('bad2.json', f)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(bad.stdout).toMatch(/^核验不通过：抽查框哈希不符/);
    expect(bad.status).toBe(1);
  });

  it('fails with the first difference when one character of the seed changes', async () => {
    const f = structuredClone(published);
    f.seed = f.seed.replace(/^0/, '1');
    const r = await verify(save('seed.json', f));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^核验不通过：承诺值不符/);
  });

  it('fails when one character of the frame changes, even with the hashes recomputed by a forger', async () => {
    const f = structuredClone(published);
    f.frame.strata[1]!.ratio = 0.06; // B: 5% → 6%
    f.frame.strata[1]!.take = 6;
    const forged = await buildDrawFile(f.frame, f.objects, DEMO_SEED);
    expect(forged.result.objects.map((o) => o.creditCode)).not.toEqual(published.result.objects.map((o) => o.creditCode));
    expect((await verify(save('frame.json', f))).out).toMatch(/^核验不通过：抽查框哈希不符/);
    f.frameHash = forged.frameHash;
    const r = await verify(save('frame2.json', f));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^核验不通过：第 \d+ 个抽中对象/);
  });

  it('answers a clear error for a missing or broken file', async () => {
    expect(await verify(join(dir, 'nope.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/^错误：找不到文件/) });
    expect(await verify(save('broken.json', '{"format":'))).toMatchObject({ code: 2, err: expect.stringMatching(/不是有效的 JSON/) });
    expect(await verify(save('other.json', { hello: 1 }))).toMatchObject({ code: 1, out: expect.stringMatching(/文件格式不是 zhiliang-draw/) });
  });
});
