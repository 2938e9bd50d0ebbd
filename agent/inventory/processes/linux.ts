import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ProcessRecord } from '../../../shared/index.ts';
import { userNames } from '../device/linux-users.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { packageOwners } from '../packages/dpkg-owner.ts';
import {
  cleanExeLink,
  flatpakIdFromCgroup,
  parseProcCmdline,
  parseProcStat,
  snapNameFromPath,
} from '../parsers/parse-proc.ts';

/** Processes per batch before yielding to the event loop, so a time box can still fire. */
const batchSize = 200;

function readOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * Running processes straight from /proc: comm and ppid (stat), command line, executable (exe link,
 * root only for other users' processes), owner (uid of the /proc entry), and the owning package.
 * A process that exits while being read is skipped.
 */
export async function listProcesses(procRoot = '/proc'): Promise<FacetResult<ProcessRecord>> {
  const warnings: InventoryWarning[] = [];
  const pids = readdirSync(procRoot).filter((name) => /^\d+$/.test(name));
  const users = userNames();
  const items: ProcessRecord[] = [];
  let unreadableExe = 0;
  for (let i = 0; i < pids.length; i++) {
    if (i > 0 && i % batchSize === 0) await yieldToLoop();
    const pid = pids[i] as string;
    const dir = `${procRoot}/${pid}`;
    const stat = readOrUndefined(() => parseProcStat(readFileSync(`${dir}/stat`, 'latin1')));
    if (!stat) continue;
    const uid = readOrUndefined(() => statSync(dir).uid);
    const cmd = readOrUndefined(() => parseProcCmdline(readFileSync(`${dir}/cmdline`, 'utf8')));
    let exe: string | undefined;
    try {
      exe = cleanExeLink(readlinkSync(`${dir}/exe`));
    } catch (error) {
      // ENOENT: a kernel thread, a zombie, or a process that just exited; only a denial is worth a warning.
      if ((error as NodeJS.ErrnoException).code === 'EACCES') unreadableExe++;
    }
    let pkg: string | undefined;
    if (exe?.startsWith('/snap/')) pkg = snapNameFromPath(exe);
    else if (exe?.startsWith('/app/'))
      pkg = readOrUndefined(() => flatpakIdFromCgroup(readFileSync(`${dir}/cgroup`, 'utf8')));
    items.push({
      pid: Number(pid),
      ppid: stat.ppid,
      name: stat.comm,
      path: exe,
      cmd,
      user: uid === undefined ? undefined : (users.get(uid) ?? String(uid)),
      package: pkg,
    });
  }
  if (unreadableExe > 0) {
    warnings.push({
      facet: 'processes',
      message: `executable path of ${unreadableExe} process(es) not readable: permission denied`,
    });
  }
  const owners = await packageOwners(items.filter((p) => p.path && !p.package).map((p) => p.path as string));
  for (const item of items) {
    if (item.path && !item.package) item.package = owners.get(item.path);
  }
  return { items, warnings };
}
