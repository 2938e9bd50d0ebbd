import { stat } from 'node:fs/promises';
import type { InventoryWarning } from '../facet-result.ts';
import { type ExecutableFacts, parseFileVersionInfo } from '../parsers/parse-file-version-info.ts';
import { powerShellLiteral, runPowerShellJson } from '../run-powershell.ts';

/**
 * The version resource and Authenticode signer of Windows executables, read with PowerShell and
 * remembered per file until its size or modification time changes (an update replaces the file),
 * so a steady machine spawns nothing after the first scans.
 */

const cache = new Map<string, { size: number; mtimeMs: number; facts: ExecutableFacts }>();

/** Paths per PowerShell call: a bounded command line, and finished chunks are kept if a later one times out. */
const chunkSize = 25;

/**
 * One row per path, never an error for a single file. GetNameInfo takes the X509NameType enum by
 * name; SimpleName is the subject's CN ("Telegram FZ-LLC"). Catalog-signed system files are
 * verified through the catalog, so they name a signer too.
 */
function script(paths: readonly string[]): string {
  const body = [
    '$p = $_; $v = $null; $s = $null; $status = $null; $signer = $null',
    'try { $v = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($p) } catch { }',
    'try { $s = Get-AuthenticodeSignature -LiteralPath $p -ErrorAction Stop } catch { }',
    "if ($s) { $status = [string]$s.Status; if ($s.SignerCertificate) { $signer = $s.SignerCertificate.GetNameInfo('SimpleName', $false) } }",
    '[pscustomobject]@{ Path = $p; ProductName = $v.ProductName; CompanyName = $v.CompanyName; FileDescription = $v.FileDescription; OriginalFilename = $v.OriginalFilename; SignatureStatus = $status; Signer = $signer }',
  ].join('; ');
  return `@(${paths.map(powerShellLiteral).join(', ')}) | ForEach-Object { ${body} } | ConvertTo-Json -Compress`;
}

/** Third-party software first: when time runs out, what is left unread is Windows' own. */
function systemFilesLast(paths: string[]): string[] {
  const windowsDir = `${(process.env.SystemRoot ?? 'C:\\Windows').toLowerCase()}\\`;
  const isSystem = (p: string) => p.toLowerCase().startsWith(windowsDir);
  return [...paths.filter((p) => !isSystem(p)), ...paths.filter(isSystem)];
}

/**
 * Facts for the given executable paths, as many as fit before `deadline` (epoch ms); the rest are
 * read on a later scan. A path that cannot be stat'ed (the process exited and its file went away)
 * gets nothing.
 */
export async function executableFacts(
  paths: readonly string[],
  deadline: number,
): Promise<{ facts: Map<string, ExecutableFacts>; warnings: InventoryWarning[] }> {
  const facts = new Map<string, ExecutableFacts>();
  const warnings: InventoryWarning[] = [];
  const misses: { path: string; size: number; mtimeMs: number }[] = [];
  await Promise.all(
    [...new Set(paths)].map(async (path) => {
      const s = await stat(path).catch(() => undefined);
      if (!s) return;
      const hit = cache.get(path);
      if (hit && hit.size === s.size && hit.mtimeMs === s.mtimeMs) facts.set(path, hit.facts);
      else misses.push({ path, size: s.size, mtimeMs: s.mtimeMs });
    }),
  );
  const byPath = new Map(misses.map((m) => [m.path, m]));
  const queue = systemFilesLast(misses.map((m) => m.path));
  while (queue.length > 0) {
    const remaining = deadline - Date.now();
    if (remaining < 1_000) break;
    const chunk = queue.splice(0, chunkSize);
    let read: Map<string, ExecutableFacts>;
    try {
      read = parseFileVersionInfo(await runPowerShellJson(script(chunk), { timeoutMs: remaining }));
    } catch (error) {
      warnings.push({ facet: 'processes', message: `file version info: ${(error as Error).message}` });
      queue.unshift(...chunk);
      break;
    }
    for (const [path, found] of read) {
      const key = byPath.get(path);
      if (!key) continue;
      cache.set(path, { size: key.size, mtimeMs: key.mtimeMs, facts: found });
      facts.set(path, found);
    }
  }
  if (queue.length > 0) {
    warnings.push({
      facet: 'processes',
      message: `file info and signer not read yet for ${queue.length} executables`,
    });
  }
  return { facts, warnings };
}
