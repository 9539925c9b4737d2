// The demo's seed plans are parsed in a child process that gives its memory back when it exits
// (child-parser.ts): the same answer as in this process, errors passed on, and the process gone after
// close().
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChildParser } from './child-parser';
import { parsePlan } from './index';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');

describe('ChildParser', () => {
  it('reads a seed exactly as the engine does in this process, refuses a bad file with its code, and ends', async () => {
    const name = fs.readdirSync(SEEDS).sort()[0];
    const bytes = new Uint8Array(fs.readFileSync(path.join(SEEDS, name)));
    const parser = new ChildParser();
    const pid = (parser as unknown as { child: { pid: number } }).child.pid;
    try {
      const [there, bad] = await Promise.all([
        parser.parse(bytes, name),
        parser.parse(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.docx').then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
      ]);
      const here = await parsePlan(bytes, name);
      expect(there.targets.length).toBeGreaterThan(5);
      expect(there.targets).toEqual(here.targets);
      expect(there.tasks).toEqual(here.tasks);
      expect(there.metadata).toEqual(here.metadata);
      expect(bad).not.toBe('ok');
      expect(bad).toMatch(/^[A-Z_]+$/);
    } finally {
      await parser.close();
    }
    // the process has exited: signalling it fails
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(parser.parse(bytes, name)).rejects.toThrow(/解析进程已退出/);
  }, 120_000);
});
