import psList from 'ps-list';
import type { ProcessRecord } from '../../../shared/index.ts';
import { executableFacts } from '../executables/windows-file-info.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { fromPsListWindows } from '../parsers/parse-ps-list.ts';
import { parseWin32Processes, type Win32ProcessDetail } from '../parsers/parse-win32-processes.ts';
import { runPowerShellJson } from '../run-powershell.ts';

/**
 * Paths, command lines and owners of every process in one PowerShell call. Win32_Process ids are
 * UInt32 and Get-Process ids Int32, so the owner table is keyed by [int]; -IncludeUserName needs
 * elevation (the service runs as SYSTEM), and without it owners stay unknown instead of failing.
 */
const processScript = [
  '$owners = @{}',
  'try { foreach ($p in (Get-Process -IncludeUserName -ErrorAction Stop)) { $owners[[int]$p.Id] = $p.UserName } } catch { }',
  'Get-CimInstance -ClassName Win32_Process | ForEach-Object { [pscustomobject]@{ ProcessId = $_.ProcessId; ParentProcessId = $_.ParentProcessId; Name = $_.Name; ExecutablePath = $_.ExecutablePath; CommandLine = $_.CommandLine; UserName = $owners[[int]$_.ProcessId] } } | ConvertTo-Json -Compress',
].join('; ');

/** Time for the whole facet's PowerShell work, inside the collector's default 20 s facet deadline. */
const detailsTimeoutMs = 10_000;
const totalBudgetMs = 16_000;

/** ps-list and WMI agree on the image name unless the pid was reused between the two reads. */
function merge(base: ProcessRecord, detail: Win32ProcessDetail | undefined): ProcessRecord {
  if (!detail || (detail.name && detail.name.toLowerCase() !== base.name.toLowerCase())) return base;
  return { ...base, ppid: base.ppid ?? detail.ppid, path: detail.path, cmd: detail.cmd, user: detail.user };
}

/**
 * Running processes on Windows: ps-list for pid, ppid and name (needs no PowerShell), then
 * Win32_Process for path, command line and owner, then each executable's version resource and
 * Authenticode signer. Without PowerShell the ps-list records are still returned, with a warning.
 */
export async function listProcesses(): Promise<FacetResult<ProcessRecord>> {
  const started = Date.now();
  const warnings: InventoryWarning[] = [];
  const [listed, queried] = await Promise.allSettled([
    psList(),
    runPowerShellJson(processScript, { timeoutMs: detailsTimeoutMs }),
  ]);
  let base: ProcessRecord[] | undefined;
  if (listed.status === 'fulfilled') base = fromPsListWindows(listed.value);
  else warnings.push({ facet: 'processes', message: `ps-list: ${(listed.reason as Error).message}` });
  let details: Map<number, Win32ProcessDetail> | undefined;
  if (queried.status === 'fulfilled') details = parseWin32Processes(queried.value);
  else
    warnings.push({ facet: 'processes', message: `process details: ${(queried.reason as Error).message}` });
  if (!base && !details) throw new Error(warnings.map((w) => w.message).join('; '));

  // ps-list has no build for Windows on ARM; WMI alone then supplies the list.
  const records = base
    ? base.map((record) => merge(record, details?.get(record.pid)))
    : [...(details as Map<number, Win32ProcessDetail>).values()].map(
        (d): ProcessRecord => ({
          pid: d.pid,
          ppid: d.ppid,
          name: d.name ?? String(d.pid),
          path: d.path,
          cmd: d.cmd,
          user: d.user,
        }),
      );

  const paths = records.flatMap((r) => (r.path ? [r.path] : []));
  if (paths.length === 0) return { items: records, warnings };
  const files = await executableFacts(paths, started + totalBudgetMs);
  warnings.push(...files.warnings);
  const items = records.map((record): ProcessRecord => {
    const facts = record.path ? files.facts.get(record.path) : undefined;
    return facts ? { ...record, fileInfo: facts.fileInfo, signer: facts.signer } : record;
  });
  return { items, warnings };
}
