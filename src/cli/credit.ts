// `zhiliang credit import FILE [--json]`: credit events (行政处罚, 抽检不合格, 投诉, 未报送年报) from an
// .xlsx or a UTF-8 / GB18030 .csv, as the 导入信用记录 page does but streamed from the server's disk with
// no upload size limit. A progress bar on a terminal (stderr). With --json, stdout is exactly
// { "imported", "unchanged", "refused": [{ "row", "reason" }] } (every refused row, not only the first
// 1000). Importing the same file again imports nothing new. Errors: one Chinese line on stderr, exit 2.
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { systemActor } from '../org/auth/model';
import { todayInShanghai } from '../org/calendar/index';
import { withCliDatabase } from './database';
import { existingFile, guarded, progressBar } from './enterprises';
import { resolveTenant } from './plans';

async function runCreditImport(file: string, opts: { json?: boolean; tenant?: string; dataDir?: string }): Promise<void> {
  const path = await existingFile(file);
  const fileName = basename(file);
  const { inspectRegisterFile } = await import('../enterprises/import-file');
  await inspectRegisterFile(path, fileName, Number.POSITIVE_INFINITY, 'credit'); // kind, before opening the database
  const { importCreditEventsFile } = await import('../credit/import');
  const { selectRefusals } = await import('../enterprises/store');
  const bar = progressBar(`导入 ${fileName}`);
  const { r, refused } = await withCliDatabase(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    // credit records are the office's to enter (policy credit:manage); whoever runs the command on the
    // server acts as the system in that role
    const actor = { ...systemActor(tenant.id, '命令行导入'), role: 'office' as const };
    const r = await importCreditEventsFile(db, actor, path, fileName, todayInShanghai(), {
      maxBytes: Number.POSITIVE_INFINITY,
      onProgress: (p) => bar.update(p),
    });
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
  }).finally(() => bar.stop());
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ imported: r.imported, unchanged: r.unchanged, refused })}\n`);
    return;
  }
  const lines = [`已导入 ${fileName}：新增 ${r.imported} 条信用记录，已有 ${r.unchanged} 条，未导入 ${r.refusedCount} 行`];
  for (const x of refused.slice(0, 50)) lines.push(`  第 ${x.row} 行：${x.reason}`);
  if (refused.length > 50) lines.push(`  ……另有 ${refused.length - 50} 行未列出（用 --json 查看全部）`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerCredit(program: Command): void {
  const credit = program.command('credit').description('信用记录');
  credit
    .command('import')
    .description('导入信用记录（行政处罚、产品抽检不合格、投诉、未报送年报；.xlsx，或 UTF-8 / GB18030 的 .csv），逐行报告未导入的行和原因；不受网页上传的大小限制')
    .argument('<file>', '信用记录文件路径')
    .option('--json', '以 JSON 输出：{ "imported", "unchanged", "refused": [{ "row", "reason" }] }')
    .addOption(new Option('--tenant <tenant>', '主管单位（编号或名称；只有一个时可省略）'))
    .addOption(new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）'))
    .action(guarded(runCreditImport));
}
