/**
 * Reading what Windows PowerShell 5.1's `ConvertTo-Json` prints. Pure: takes the text, never runs
 * PowerShell. Its quirks: a pipeline of one object prints that object, not a one-element array; a
 * pipeline of none prints nothing at all; a stream encoder may put a byte-order mark in front; and
 * empty properties come out as `null` or `""` depending on the cmdlet.
 */

/** One object of the output, its properties not yet trusted. */
export type PowerShellRow = Readonly<Record<string, unknown>>;

/**
 * The rows of a `ConvertTo-Json` output, always as an array. Throws a SyntaxError when the text is
 * not JSON (PowerShell printed an error or was cut off); elements that are not objects are dropped.
 */
export function parsePowerShellJson(text: string): PowerShellRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  const value: unknown = JSON.parse(trimmed);
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is PowerShellRow => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** A string property, trimmed; `null`, `""`, blanks and non-strings are unknown. */
export function textField(row: PowerShellRow, key: string): string | undefined {
  const value = row[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A non-negative integer property (a pid, a port); anything else is unknown. */
export function intField(row: PowerShellRow, key: string): number | undefined {
  const value = row[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A boolean property; PowerShell writes `true`/`false`, anything else is unknown. */
export function boolField(row: PowerShellRow, key: string): boolean | undefined {
  const value = row[key];
  return typeof value === 'boolean' ? value : undefined;
}
