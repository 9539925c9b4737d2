// `zhiliang draw verify <file>`: checks a published draw file (双随机抽查的公开抽取文件) — the frame, the
// commitment, the revealed seed and the result — by recomputing the draw (decision 018). Prints 核验通过
// (OK) or the first difference. Exit codes: 0 OK, 1 the draw does not follow from the file, 2 bad input.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { type DrawFile, verifyDrawFile } from '../inspections/draw';

export function registerDraw(program: Command): void {
  const draw = program.command('draw').description('双随机抽查：核验公开的抽取结果');
  draw
    .command('verify')
    .description('由公开文件（抽查框、承诺值、随机种子、抽取结果）重算抽取，核验是否一致')
    .argument('<file>', '公开下载的抽取文件（JSON）')
    .action(async (file: string) => {
      process.exitCode = await runDrawVerify(file, process.stdout, process.stderr);
    });
}

interface Out {
  write(s: string): unknown;
}

export async function runDrawVerify(file: string, out: Out, err: Out): Promise<number> {
  let parsed: DrawFile;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error(`不是一个文件：${file}`);
    parsed = JSON.parse(await readFile(file, 'utf8')) as DrawFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg = code === 'ENOENT' ? `找不到文件：${file}` : e instanceof SyntaxError ? `不是有效的 JSON 文件：${file}` : (e as Error).message;
    err.write(`错误：${msg}\n`);
    return 2;
  }
  const v = await verifyDrawFile(parsed);
  if (!v.ok) {
    out.write(`核验不通过：${v.difference}\n`);
    return 1;
  }
  out.write(`OK 核验通过：${parsed.frame.campaignName}，承诺值 ${parsed.commitment.slice(0, 16)}…，重算得 ${v.objects} 个检查对象、${v.inspectors} 名检查人员，与公布结果一致\n`);
  return 0;
}
