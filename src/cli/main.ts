// The `zhiliang` command. Each subcommand lives in its own file and registers itself here.
import { Command } from 'commander';
import { registerCalendar } from './calendar';
import { registerCredit } from './credit';
import { registerDraw } from './draw';
import { registerEnterprises } from './enterprises';
import { registerParse } from './parse';
import { registerPlatformCommands } from './platform';
import { registerPlans } from './plans';

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
registerPlatformCommands(program);
registerDraw(program);

await program.parseAsync(process.argv);
