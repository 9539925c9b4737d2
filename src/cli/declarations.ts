// `zhiliang declarations import FILE [--json]`: enterprises' declared standards (企业标准自我声明) from an
// .xlsx or a UTF-8 / GB18030 .csv, as the 企业标准 page's 导入声明 does, read from the server's disk without
// the web's 20 MB upload limit (the 100 000 declarations a file may hold still apply: they are written in
// one transaction). With --json, stdout is exactly { "imported", "updated", "unchanged", "refused":
// [{ "row", "reason" }] } (every refused row). Importing the same file again changes nothing.
// Errors: one Chinese line on stderr, exit 2.
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { systemActor } from '../org/auth/model';
import { todayInShanghai } from '../org/calendar/index';
import { withCliDatabase } from './database';
import { existingFile, guarded } from './enterprises';
import { resolveTenant } from './plans';

async function runDeclarationsImport(file: string, opts: { json?: boolean; tenant?: string; dataDir?: string }): Promise<void> {
  const path = await existingFile(file);
  const fileName = basename(file);
  const { inspectRegisterFile } = await import('../enterprises/import-file');
  await inspectRegisterFile(path, fileName, Number.POSITIVE_INFINITY); // not a spreadsheet: refused before the database opens
  const { importDeclarationsFile } = await import('../inspections/declarations-import');
  const { selectRefusals } = await import('../enterprises/store');
  if (!opts.json) process.stderr.write(`正在导入 ${fileName}……\n`);
  const { r, refused } = await withCliDatabase(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    // declarations are entered by those who plan inspections (policy inspections:plan, the office);
    // whoever runs the command on the server acts as the system in that role
    const actor = { ...systemActor(tenant.id, '命令行导入'), role: 'office' as const };
    const r = await importDeclarationsFile(db, actor, path, fileName, todayInShanghai(), { maxBytes: Number.POSITIVE_INFINITY });
    // the answer lists the first 1000 refusals; the job holds them all
    let refused = r.refused;
    if (r.refusedCount > r.refused.length) {
      refused = [];
      for (let after = 0; ; ) {
        const page = await selectRefusals(db, tenant.id, r.jobId, after, 10_000);
        if (page.length === 0) break;
        refused.push(...page.map((x) => ({ row: x.rowNo, reason: x.reason })));
        after = page[page.length - 1].rowNo;
      }
    }
    return { r, refused };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ imported: r.imported, updated: r.updated, unchanged: r.unchanged, refused })}\n`);
    return;
  }
  const lines = [`已导入 ${fileName}：新增 ${r.imported} 项标准声明，更新 ${r.updated} 项，未变 ${r.unchanged} 项，未导入 ${r.refusedCount} 行`];
  for (const x of refused.slice(0, 50)) lines.push(`  第 ${x.row} 行：${x.reason}`);
  if (refused.length > 50) lines.push(`  ……另有 ${refused.length - 50} 行未列出（用 --json 查看全部）`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerDeclarations(program: Command): void {
  const declarations = program.command('declarations').description('企业标准自我声明');
  declarations
    .command('import')
    .description('导入企业标准自我声明（表头：统一社会信用代码、标准编号、标准名称、标准类型、声明日期，可选 企业名称、产品；.xlsx，或 UTF-8 / GB18030 的 .csv），逐行报告未导入的行和原因；不受网页上传的大小限制')
    .argument('<file>', '声明文件路径')
    .option('--json', '以 JSON 输出：{ "imported", "updated", "unchanged", "refused": [{ "row", "reason" }] }')
    .addOption(new Option('--tenant <tenant>', '主管单位（编号或名称；只有一个时可省略）'))
    .addOption(new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）'))
    .action(guarded(runDeclarationsImport));
}
