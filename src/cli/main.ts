// The `zhiliang` command. Each subcommand lives in its own file and registers itself here.
// `serve` on the embedded database starts opening it before the rest loads (early-open.ts): the
// commands are imported after that, dynamically, so their modules load while the database boots.
import { openEarly } from './early-open';

openEarly(process.argv.slice(2));
const { Command } = await import('commander');
const { registerCalendar } = await import('./calendar');
const { registerCredit } = await import('./credit');
const { registerDeclarations } = await import('./declarations');
const { registerDraw } = await import('./draw');
const { registerEnterprises } = await import('./enterprises');
const { registerParse } = await import('./parse');
const { registerPlatformCommands } = await import('./platform');
const { registerPlans } = await import('./plans');

const program = new Command();
program
  .name('zhiliang')
  .description('质量提升行动计划管理平台 Zhiliang')
  .version('0.1.0', '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [command]', '显示某个命令的帮助');

registerParse(program);
registerPlans(program);
registerCalendar(program);
registerEnterprises(program);
registerCredit(program);
registerDeclarations(program);
registerPlatformCommands(program);
registerDraw(program);

await program.parseAsync(process.argv);
