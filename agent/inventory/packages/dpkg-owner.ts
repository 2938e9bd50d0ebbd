import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { runCommand } from '../run-command.ts';

/**
 * Which distribution package owns an executable, looked up once per path and remembered
 * (also "owned by nothing"). dpkg: one pass over /var/lib/dpkg/info/*.list that records only the
 * wanted paths; rpm: one `rpm -qf` for all new paths.
 */
const known = new Map<string, string | null>();
const dpkgInfo = '/var/lib/dpkg/info';

/** usrmerge: /bin/x and /usr/bin/x are the same file, dpkg may list either. */
function aliases(path: string): string[] {
  if (path.startsWith('/usr/')) return [path, path.slice(4)];
  return [path, `/usr${path}`];
}

async function dpkgOwners(wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const lookFor = new Map<string, string>();
  for (const path of wanted) for (const alias of aliases(path)) lookFor.set(alias, path);
  const lists = (await readdir(dpkgInfo)).filter((f) => f.endsWith('.list'));
  for (const list of lists) {
    const text = await readFile(`${dpkgInfo}/${list}`, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const original = lookFor.get(line);
      if (original !== undefined) found.set(original, list.slice(0, -5).split(':')[0] as string);
    }
    if (found.size === wanted.size) break;
  }
  return found;
}

async function rpmOwners(wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const paths = [...wanted];
  const out = await runCommand('rpm', ['-qf', '--qf', '%{NAME}\n', ...paths], { okExitCodes: [0, 1] });
  const lines = out.split('\n');
  const found = new Map<string, string>();
  paths.forEach((path, i) => {
    const name = lines[i]?.trim();
    if (name && !name.includes(' ')) found.set(path, name);
  });
  return found;
}

export async function packageOwners(paths: readonly string[]): Promise<Map<string, string>> {
  const unknown = new Set(paths.filter((p) => !known.has(p)));
  if (unknown.size > 0) {
    let found = new Map<string, string>();
    try {
      if (existsSync(dpkgInfo)) found = await dpkgOwners(unknown);
      else if (existsSync('/var/lib/rpm') || existsSync('/usr/lib/sysimage/rpm'))
        found = await rpmOwners(unknown);
    } catch {
      // No package database readable: owners stay unknown, and are tried again next scan.
      return new Map(paths.flatMap((p) => (known.get(p) ? [[p, known.get(p) as string]] : [])));
    }
    for (const path of unknown) known.set(path, found.get(path) ?? null);
  }
  const out = new Map<string, string>();
  for (const path of paths) {
    const owner = known.get(path);
    if (owner) out.set(path, owner);
  }
  return out;
}
