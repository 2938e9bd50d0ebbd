/** One installed package from /var/lib/dpkg/status. */
export type DpkgPackage = {
  readonly name: string;
  readonly version: string | undefined;
  readonly maintainer: string | undefined;
};

/**
 * Parses /var/lib/dpkg/status (RFC 822-style stanzas), keeping only packages whose Status says
 * they are installed. Multi-arch duplicates (`foo:amd64`, `foo:i386`) are reported once.
 */
export function parseDpkgStatus(text: string): DpkgPackage[] {
  const out: DpkgPackage[] = [];
  const seen = new Set<string>();
  for (const stanza of text.split(/\n\n+/)) {
    let name: string | undefined;
    let version: string | undefined;
    let maintainer: string | undefined;
    let installed = false;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('Package: ')) name = line.slice(9).trim();
      else if (line.startsWith('Version: ')) version = line.slice(9).trim();
      else if (line.startsWith('Maintainer: ')) maintainer = line.slice(12).trim();
      else if (line.startsWith('Status: ')) installed = /\sinstalled$/.test(line.trim());
    }
    if (name && installed && !seen.has(name)) {
      seen.add(name);
      out.push({ name, version, maintainer });
    }
  }
  return out;
}
