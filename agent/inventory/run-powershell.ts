import { type PowerShellRow, parsePowerShellJson } from './parsers/parse-powershell-json.ts';
import { type RunOptions, runCommand } from './run-command.ts';

/**
 * Windows PowerShell 5.1 by full path: it is on every supported Windows, and a full path cannot be
 * shadowed by a `powershell.exe` earlier on the PATH of the service account.
 */
export function powerShellPath(): string {
  return `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

/**
 * Without this, PowerShell writes redirected output in the console's OEM code page, which turns
 * every non-ASCII path and name into `?`. No BOM: the plain UTF8 encoding object would emit one.
 * Progress records would otherwise arrive on stderr as CLIXML.
 */
const prologue =
  "$ProgressPreference = 'SilentlyContinue'; [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; ";

/**
 * Runs one PowerShell script whose output is `ConvertTo-Json` and returns its rows. Scripts must
 * quote with single quotes only: a double quote would have to survive Windows command-line
 * escaping. Throws a CommandError when PowerShell fails or times out, a SyntaxError when the output
 * is not JSON.
 */
export async function runPowerShellJson(script: string, options: RunOptions = {}): Promise<PowerShellRow[]> {
  const stdout = await runCommand(
    powerShellPath(),
    ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', prologue + script],
    options,
  );
  return parsePowerShellJson(stdout);
}

/**
 * A value inside a script as a single-quoted literal, where the only special character is the quote
 * itself (doubled), including the typographic quotes PowerShell treats as the same character.
 */
export function powerShellLiteral(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}
