/**
 * Parser for Windows `reg query <key> [/s]`. Each key is a line of its full path at column 0
 * (`HKEY_LOCAL_MACHINE\...`), followed by its values indented by four spaces as
 * `<name>    <REG_TYPE>    <data>`. Names may themselves contain spaces ("Inno Setup: App Path");
 * the unnamed value is `(Default)`. Blank lines separate keys. Pure: never runs reg.
 */

export type RegValue = { readonly name: string; readonly type: string; readonly data: string };

export type RegKey = {
  /** Full path as reg prints it, with the hive spelled out (HKEY_USERS\S-1-5-21-…\Software\…). */
  readonly path: string;
  /** Values by lower-cased name: registry value names are case-insensitive. */
  readonly values: ReadonlyMap<string, RegValue>;
};

const valueLine = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

export function parseRegQuery(text: string): RegKey[] {
  const keys: RegKey[] = [];
  let current: { path: string; values: Map<string, RegValue> } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('HKEY_')) {
      current = { path: line.trimEnd(), values: new Map() };
      keys.push(current);
      continue;
    }
    const match = valueLine.exec(line);
    if (!match || !current) continue;
    const name = match[1] as string;
    current.values.set(name.toLowerCase(), { name, type: match[2] as string, data: match[3] ?? '' });
  }
  return keys;
}

/** A string value (REG_SZ, REG_EXPAND_SZ unexpanded), trimmed; empty or absent is unknown. */
export function regString(key: RegKey, name: string): string | undefined {
  const value = key.values.get(name.toLowerCase());
  if (!value || (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ')) return undefined;
  const data = value.data.trim();
  return data === '' ? undefined : data;
}

/** A REG_DWORD or REG_QWORD, which reg prints in hex (`0x1`); anything else is unknown. */
export function regNumber(key: RegKey, name: string): number | undefined {
  const value = key.values.get(name.toLowerCase());
  if (!value || (value.type !== 'REG_DWORD' && value.type !== 'REG_QWORD')) return undefined;
  const match = /^0x([0-9a-f]+)$/i.exec(value.data.trim());
  return match ? Number.parseInt(match[1] as string, 16) : undefined;
}

/** The last segment of a key path: the key's own name. */
export function regKeyName(key: RegKey): string {
  return key.path.slice(key.path.lastIndexOf('\\') + 1);
}

/** The path of the key's parent. */
export function regParentPath(key: RegKey): string {
  const cut = key.path.lastIndexOf('\\');
  return cut === -1 ? '' : key.path.slice(0, cut);
}

/**
 * Expands `%NAME%` references of REG_EXPAND_SZ data from the given environment, matched
 * case-insensitively as Windows does; an unknown name is left as written.
 */
export function expandEnvironment(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const byUpper = new Map(Object.entries(env).map(([k, v]) => [k.toUpperCase(), v]));
  return text.replace(/%([^%\s]+)%/g, (whole, name: string) => byUpper.get(name.toUpperCase()) ?? whole);
}
