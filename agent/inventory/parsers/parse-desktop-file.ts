/** The fields of a freedesktop .desktop entry that say what it launches. */
export type DesktopEntry = {
  readonly name: string;
  readonly exec: string | undefined;
  readonly hidden: boolean;
};

/**
 * Parses the [Desktop Entry] group of a .desktop file. Localised keys (`Name[de]`) are ignored;
 * `Hidden=true` or `NoDisplay=true` entries are still returned, marked hidden.
 */
export function parseDesktopFile(text: string): DesktopEntry | undefined {
  let inEntry = false;
  let name: string | undefined;
  let exec: string | undefined;
  let type: string | undefined;
  let hidden = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      if (inEntry) break;
      inEntry = line === '[Desktop Entry]';
      continue;
    }
    if (!inEntry || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'Name') name = value;
    else if (key === 'Exec') exec = value;
    else if (key === 'Type') type = value;
    else if ((key === 'Hidden' || key === 'NoDisplay') && value === 'true') hidden = true;
  }
  if (!name || (type !== undefined && type !== 'Application')) return undefined;
  return { name, exec, hidden };
}
