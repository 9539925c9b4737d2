// Uploads between the mapping step and the import are spooled to disk (file + who uploaded it), not
// kept in the server's memory: a fresh process (a restart) still finds them, another authority never.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, expect, it, vi } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-uploads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('an upload is found again after a restart, only by its authority, and is gone once dropped', async () => {
  const first = await import('./uploads');
  first.setUploadDir(dir);
  const { uploadId } = await first.saveUpload(7, '名录.csv', Readable.from([Buffer.from('统一社会信用代码,企业名称\r\n')]));
  expect(fs.readdirSync(dir).sort()).toEqual([uploadId, `${uploadId}.json`]);

  vi.resetModules(); // as a restarted server: nothing of the first module's state
  const second = await import('./uploads');
  second.setUploadDir(dir);
  const u = second.takeUpload(7, uploadId);
  expect(u.fileName).toBe('名录.csv');
  expect(fs.readFileSync(u.path, 'utf8')).toContain('企业名称');
  expect(() => second.takeUpload(8, uploadId)).toThrow(/已过期或不存在/);
  expect(() => second.takeUpload(7, '../../etc/passwd')).toThrow(/已过期或不存在/);
  second.dropUpload(uploadId);
  await new Promise((r) => setTimeout(r, 50));
  expect(() => second.takeUpload(7, uploadId)).toThrow(/已过期或不存在/);
  expect(fs.readdirSync(dir)).toEqual([]);
});
