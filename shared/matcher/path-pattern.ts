import type { Platform } from '../catalog/catalog-schema.ts';

/**
 * Catalog path patterns: `*` matches within one folder name, `**` any number of folders, and
 * placeholders stand for the per-user and per-machine locations of each OS, for every user.
 * Windows and macOS compare case-insensitively (their default file systems do); Linux exactly.
 * Windows patterns may use `\` or `/`; any drive letter matches.
 */
const placeholders: Record<Platform, Record<string, string>> = {
  windows: {
    '%LOCALAPPDATA%': '?:/Users/*/AppData/Local',
    '%APPDATA%': '?:/Users/*/AppData/Roaming',
    '%USERPROFILE%': '?:/Users/*',
    '%PROGRAMFILES%': '?:/Program Files{, (x86)}',
    '%PROGRAMDATA%': '?:/ProgramData',
    '%WINDOWSAPPS%': '?:/Program Files/WindowsApps',
  },
  macos: { '~': '/Users/*' },
  linux: { '~': '{/home/*,/root,/var/home/*}' },
};

export const placeholderNames: Record<Platform, readonly string[]> = {
  windows: Object.keys(placeholders.windows),
  macos: Object.keys(placeholders.macos),
  linux: Object.keys(placeholders.linux),
};

export function isCaseInsensitive(os: Platform): boolean {
  return os !== 'linux';
}

/** Normalises an OS path for matching: forward slashes, and lower case where the OS ignores case. */
export function normalizePath(os: Platform, path: string): string {
  const slashed = os === 'windows' ? path.replaceAll('\\', '/') : path;
  return isCaseInsensitive(os) ? slashed.toLowerCase() : slashed;
}

/** The last folder-separated part of a path, in any OS's spelling. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut === -1 ? path : path.slice(cut + 1);
}

function expandPlaceholders(os: Platform, pattern: string): string {
  let out = os === 'windows' ? pattern.replaceAll('\\', '/') : pattern;
  for (const [name, value] of Object.entries(placeholders[os])) {
    if (name === '~') {
      if (out === '~' || out.startsWith('~/')) out = value + out.slice(1);
    } else {
      out = out.replaceAll(new RegExp(escapeRegExp(name), 'gi'), value);
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Translates an expanded pattern to a regular-expression source, handling `**`, `*`, `?:` and `{a,b}`. */
function toRegExpSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` is anything.
      if (pattern[i + 2] === '/') {
        out += '(?:[^/]+/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?' && pattern[i + 1] === ':') {
      out += '[a-z]:';
      i += 1;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) throw new Error(`unclosed "{" in path pattern "${pattern}"`);
      const alternatives = pattern.slice(i + 1, end).split(',');
      out += `(?:${alternatives.map(toRegExpSource).join('|')})`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return out;
}

export type CompiledPathPattern = {
  readonly pattern: string;
  /** Normalised last part of the pattern, used as the lookup key; undefined if it has a wildcard. */
  readonly baseKey: string | undefined;
  readonly test: (normalizedPath: string) => boolean;
};

/** Compiles a catalog path pattern for one OS. Throws with the pattern in the message if malformed. */
export function compilePathPattern(os: Platform, pattern: string): CompiledPathPattern {
  const expanded = expandPlaceholders(os, pattern.trim());
  const source = toRegExpSource(isCaseInsensitive(os) ? expanded.toLowerCase() : expanded);
  const regexp = new RegExp(`^${source}$`);
  const last = baseName(expanded);
  const literal = !/[*?{}]/.test(last);
  return {
    pattern,
    baseKey: literal ? (isCaseInsensitive(os) ? last.toLowerCase() : last) : undefined,
    test: (normalizedPath) => regexp.test(normalizedPath),
  };
}

/** A path pattern is usable when it is absolute after expansion (a drive, `/` or a placeholder). */
export function isAnchoredPattern(os: Platform, pattern: string): boolean {
  const expanded = expandPlaceholders(os, pattern.trim());
  return os === 'windows' ? /^(\?|[a-z]):\//i.test(expanded) : /^\{?\//.test(expanded);
}

/** Expands `{a,b}` alternatives (not nested) into separate strings. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  const close = pattern.indexOf('}', open);
  if (close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((alternative) => expandBraces(`${head}${alternative}${tail}`));
}

/**
 * File-system globs (`*` only, forward slashes) to look for a catalog path pattern on this machine,
 * for every user. `systemDrive` stands for the drive of Windows patterns (`C:`). Patterns that cross
 * folders (`**`) are left out: probing them would walk whole trees.
 */
export function patternToGlobs(os: Platform, pattern: string, systemDrive = 'C:'): string[] {
  if (pattern.includes('**')) return [];
  const expanded = expandPlaceholders(os, pattern.trim());
  const drived = os === 'windows' ? expanded.replaceAll('?:', systemDrive) : expanded;
  return expandBraces(drived);
}
