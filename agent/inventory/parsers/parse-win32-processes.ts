import { intField, type PowerShellRow, textField } from './parse-powershell-json.ts';

/**
 * Rows of the process script (Win32_Process joined with Get-Process -IncludeUserName), as
 * returned by parsePowerShellJson: `ProcessId`, `ParentProcessId`, `Name`, `ExecutablePath`,
 * `CommandLine`, `UserName`. Pure.
 */

export type Win32ProcessDetail = {
  readonly pid: number;
  readonly ppid: number | undefined;
  readonly name: string | undefined;
  /** Null in WMI for protected processes (System, Registry, csrss…) and, without rights, for others'. */
  readonly path: string | undefined;
  readonly cmd: string | undefined;
  readonly user: string | undefined;
};

/**
 * `DOMAIN\user` → `user`, as the snapshot reports accounts by name (`NT AUTHORITY\SYSTEM` →
 * `SYSTEM`, `AzureAD\AliceMartin` → `AliceMartin`).
 */
export function accountName(qualified: string | undefined): string | undefined {
  if (!qualified) return undefined;
  const name = qualified.slice(qualified.lastIndexOf('\\') + 1).trim();
  return name === '' ? undefined : name;
}

/** Details by pid; rows without a usable ProcessId are skipped. */
export function parseWin32Processes(rows: readonly PowerShellRow[]): Map<number, Win32ProcessDetail> {
  const out = new Map<number, Win32ProcessDetail>();
  for (const row of rows) {
    const pid = intField(row, 'ProcessId');
    if (pid === undefined) continue;
    out.set(pid, {
      pid,
      ppid: intField(row, 'ParentProcessId'),
      name: textField(row, 'Name'),
      path: textField(row, 'ExecutablePath'),
      cmd: textField(row, 'CommandLine'),
      user: accountName(textField(row, 'UserName')),
    });
  }
  return out;
}
