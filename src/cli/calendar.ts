// `zhiliang calendar check DATE [--json]`: 工作日 or 休息日 on the authority's working-day calendar,
// with where the answer comes from (官方安排 / 法定节假日推算 / 周末 / 本地调整), so a deadline can
// be checked from the shell. Errors: one Chinese line `错误 [CODE]：…` on stderr, exit status 2.
import { Option, type Command } from 'commander';
import { AppError } from '../core/errors';
import { withCliDatabase } from './database';
import { formatCliError } from './platform';

const EXIT_FAILURE = 2;

async function runCheck(date: string, opts: { json?: boolean; tenant?: string; dataDir?: string }): Promise<void> {
  const { isValidDate } = await import('../org/calendar/calendar');
  const { WEEKDAY_LABELS } = await import('../org/calendar/labels');
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', `日期应为 YYYY-MM-DD 格式的真实日期：${date}`);
  const { loadCalendar } = await import('../org/calendar/index');
  const { dayOut } = await import('../org/calendar/service');
  const { resolveTenant } = await import('./plans');
  const { info, doc, status } = await withCliDatabase(opts, async (db) => {
    const tenant = await resolveTenant(db, opts.tenant);
    const cal = await loadCalendar(db, tenant.id);
    const year = Number(date.slice(0, 4));
    return { info: dayOut(cal.dayInfo(date)), doc: cal.officialSource(year), status: cal.yearStatus(year) };
  });
  const year = date.slice(0, 4);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...info, yearStatus: status, documentNumber: doc?.from === 'entered' ? doc.documentNumber : null }, null, 2)}\n`);
    return;
  }
  const verdict = info.working ? '工作日' : '休息日';
  const what = info.kind === 'adjusted_workday' ? `（${info.name ?? ''}调休上班）` : info.kind === 'holiday' && info.name ? `（${info.name}）` : '';
  let basis = info.sourceLabel;
  if (info.source === 'official') basis += doc?.from === 'entered' ? `（${doc.documentNumber}）` : '（国务院办公厅通知，随软件提供）';
  if (info.source === 'estimate') basis += `（依《全国年节及纪念日放假办法》；${year} 年的国务院放假安排尚未录入，调休以届时通知为准）`;
  if (info.source === 'weekday_rule' && status === 'estimate') basis += `（${year} 年的国务院放假安排尚未录入，调休以届时通知为准）`;
  if (info.source === 'weekday_rule' && status === 'none') basis += `（${year} 年没有节假日数据，只按周末计算）`;
  process.stdout.write(`${date} ${WEEKDAY_LABELS[info.isoWeekday]} ${verdict}${what}\n来源：${basis}\n`);
}

function guarded<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.stdout.on('error', () => {});
    try {
      await fn(...args);
    } catch (err) {
      process.stderr.write(`${formatCliError(err)}\n`);
      process.exit(EXIT_FAILURE);
    }
  };
}

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('工作日历');
  calendar
    .command('check')
    .description('查询某一天是工作日还是休息日，及其来源（官方安排 / 法定节假日推算 / 周末 / 本地调整）')
    .argument('<date>', '日期，YYYY-MM-DD')
    .option('--json', '以 JSON 输出')
    .addOption(new Option('--tenant <tenant>', '主管单位（编号或名称；只有一个时可省略）'))
    .addOption(new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）'))
    .action(guarded(runCheck));
}
