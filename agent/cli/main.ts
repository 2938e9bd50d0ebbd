import packageJson from '../../package.json' with { type: 'json' };
import { catalogCommand } from './catalog-command.ts';
import { inventoryCommand } from './inventory-command.ts';
import { scanCommand } from './scan-command.ts';
import { UsageError } from './usage-error.ts';

const usage = `Usage: imscout-agent <command> [options]

Commands:
  scan [--snapshot FILE] [--json]   scan this machine (or a saved inventory snapshot) for IM clients
  inventory [--json]                print what the agent sees on this machine (imscout.inventory/v1)
  catalog [--json]                  list the signature catalog in use

Options:
  --version                         print the version
  --help                            print this help

Exit codes: 0 success, 2 bad usage or invalid input, 1 any other failure.
`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  scan: scanCommand,
  inventory: inventoryCommand,
  catalog: catalogCommand,
};

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${packageJson.version}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(usage);
      return command === undefined ? 2 : 0;
    }
    const run = commands[command];
    if (!run) throw new UsageError(`unknown command "${command}" (see imscout-agent --help)`);
    if (rest.includes('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    return await run(rest);
  } catch (error) {
    const isUsage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`imscout-agent: ${oneLine(error)}\n`);
    return isUsage ? 2 : 1;
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}
