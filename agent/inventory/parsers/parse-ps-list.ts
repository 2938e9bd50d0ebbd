import type { ProcessRecord } from '../../../shared/index.ts';

/**
 * Turns what `ps-list` returns into process records. ps-list reports unknowns as `''` and its
 * `name` as either the executable's base name or, when it could not find the executable in the
 * command line, macOS `ps`'s `comm` column, which there is the full executable path. Pure.
 */

/** The fields of ps-list's ProcessDescriptor that are read; the rest (cpu, memory…) are ignored. */
export type PsListEntry = {
  readonly pid: number;
  readonly ppid?: number;
  readonly name?: string;
  readonly cmd?: string;
  readonly uid?: number;
  readonly path?: string;
};

/** A record plus the uid, which the provider turns into a user name. */
export type DarwinPsRecord = ProcessRecord & { readonly uid: number | undefined };

/** ps-list passes through whatever a malformed `ps` or fastlist line gave it, so types are checked. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value !== 'string' || value.trim() === '' ? undefined : value;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function validPid(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * macOS: ps-list only recognises an executable path in the command line when it has at most five
 * spaces, which Chromium helpers exceed; `comm` still holds the full path, so it becomes the path
 * and its base name the name. A `ppid` of 0 is launchd's own parent (the kernel), kept as is.
 */
export function fromPsListDarwin(entries: readonly PsListEntry[]): DarwinPsRecord[] {
  const out: DarwinPsRecord[] = [];
  for (const e of entries) {
    const pid = validPid(e.pid);
    const rawName = nonEmpty(e.name);
    if (pid === undefined || rawName === undefined) continue;
    let path = nonEmpty(e.path);
    if (!path && rawName.startsWith('/')) path = rawName;
    const name = rawName.includes('/') ? baseName(rawName) || rawName : rawName;
    out.push({ pid, ppid: validPid(e.ppid), name, path, cmd: nonEmpty(e.cmd), uid: validPid(e.uid) });
  }
  return out;
}

/** Windows: ps-list (fastlist) knows pid, ppid and image name only; entries without a name are skipped. */
export function fromPsListWindows(entries: readonly PsListEntry[]): ProcessRecord[] {
  const out: ProcessRecord[] = [];
  for (const e of entries) {
    const pid = validPid(e.pid);
    const name = nonEmpty(e.name);
    if (pid === undefined || name === undefined) continue;
    out.push({ pid, ppid: validPid(e.ppid), name });
  }
  return out;
}
