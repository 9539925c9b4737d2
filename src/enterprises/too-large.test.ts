// A register above the web's upload limit: the web refuses it with a Chinese message naming the
// command that takes it (streamed from the server's disk, no size limit), and that command's check
// lets the same file through to the content checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { inspectRegisterFile } from './import-file';
import { IMPORT_LIMITS } from './model';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-too-large-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('a file above 200 MB: the upload path answers 413 naming `zhiliang … import`; the CLI path reads it', async () => {
  const file = path.join(dir, '全省名录.csv');
  const head = '统一社会信用代码,企业名称\n' + 'x'.repeat(70_000) + '\n';
  fs.writeFileSync(file, head);
  fs.truncateSync(file, IMPORT_LIMITS.maxBytes + 1024 * 1024); // sparse: no 200 MB written
  await expect(inspectRegisterFile(file, '全省名录.csv')).rejects.toMatchObject({
    code: 'FILE_TOO_LARGE',
    status: 413,
    message: expect.stringContaining('请由管理员在服务器上用命令导入（不受此大小限制，可显示进度）：zhiliang enterprises import 文件路径'),
  });
  await expect(inspectRegisterFile(file, '全省名录.csv', IMPORT_LIMITS.maxBytes, 'credit')).rejects.toMatchObject({ message: expect.stringContaining('zhiliang credit import') });
  expect(await inspectRegisterFile(file, '全省名录.csv', Number.POSITIVE_INFINITY)).toMatchObject({ kind: 'csv', encoding: 'utf-8' });
});
