/**
 * Parsers for Linux /proc text. Pure: they take file contents and never read anything.
 */

export type ProcStat = { readonly comm: string; readonly ppid: number };

/** /proc/<pid>/stat: the comm is in parentheses and may itself contain spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close < open) return undefined;
  const rest = text.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  if (!Number.isInteger(ppid)) return undefined;
  return { comm: text.slice(open + 1, close), ppid };
}

/** /proc/<pid>/cmdline: NUL-separated arguments, joined with spaces (quoted where they contain one). */
export function parseProcCmdline(text: string): string | undefined {
  const args = text.split('\0');
  if (args.at(-1) === '') args.pop();
  if (args.length === 0) return undefined;
  // Programs that rewrite their title (Electron, Chromium) leave one space-separated string.
  return args.map((a) => (args.length > 1 && /\s/.test(a) ? `"${a}"` : a)).join(' ');
}

/** /etc/passwd → uid → user name, and the home folders of real accounts. */
export type PasswdEntry = {
  readonly name: string;
  readonly uid: number;
  readonly home: string;
  readonly shell: string;
};

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    const uid = Number(f[2]);
    if (!Number.isInteger(uid)) continue;
    out.push({ name: f[0] as string, uid, home: f[5] as string, shell: f[6] as string });
  }
  return out;
}

/** A deleted or replaced executable reads as "/path (deleted)": the path is still what ran. */
export function cleanExeLink(link: string): string {
  return link.endsWith(' (deleted)') ? link.slice(0, -' (deleted)'.length) : link;
}

/** The flatpak app id of a process, from its cgroup (`app-flatpak-<id>-<n>.scope`). */
export function flatpakIdFromCgroup(text: string): string | undefined {
  return /app-flatpak-(.+?)-\d+\.scope/.exec(text)?.[1];
}

/** The snap that owns an executable path (`/snap/<name>/<revision>/…`). */
export function snapNameFromPath(path: string): string | undefined {
  return /^\/snap\/([a-z0-9][a-z0-9-]*)\/[^/]+\//.exec(path)?.[1];
}
