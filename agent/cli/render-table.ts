/**
 * A plain text table for terminals. Cells are cleaned of control characters: process names and
 * paths are chosen by whoever started the process, and must not drive the terminal.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxCell = 60,
): string {
  const clean = (cell: string) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    const text = cell.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
  };
  const all = [header, ...rows].map((row) => row.map(clean));
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
