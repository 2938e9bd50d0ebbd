import { parseCidr } from '../matcher/ip-ranges.ts';
import { baseName, compilePathPattern, isAnchoredPattern } from '../matcher/path-pattern.ts';
import { type CatalogEntry, type Platform, platforms } from './catalog-schema.ts';

/**
 * Content lint for catalog entries, beyond what the schema can say: signatures that would match
 * almost anything, values two clients both claim, platforms promised but not covered.
 * Errors fail the build; warnings are printed.
 */
export type LintFinding = {
  readonly level: 'error' | 'warning';
  readonly entry: string;
  readonly message: string;
};

/** Names shared by many unrelated programs: never enough on their own. Lower case. */
const genericNames = new Set([
  'node',
  'node.exe',
  'electron',
  'electron.exe',
  'python',
  'python3',
  'python.exe',
  'pythonw.exe',
  'java',
  'java.exe',
  'javaw',
  'javaw.exe',
  'sh',
  'bash',
  'perl',
  'ruby',
  'mono',
  'dotnet',
  'update.exe',
  'squirrel.exe',
  'msedgewebview2.exe',
  'chrome',
  'chrome.exe',
  'chromium',
  'firefox',
  'crashpad_handler',
  'crashpad_handler.exe',
  'helper',
  'app',
  'launcher',
  'updater',
  'setup.exe',
  'uninstall.exe',
  'unins000.exe',
  'svchost.exe',
  'explorer.exe',
  'rundll32.exe',
  'conhost.exe',
  'dllhost.exe',
  'runtimebroker.exe',
  'applicationframehost.exe',
  'webview',
  'client',
  'main',
]);

/** Ports every program uses: a connection or listener there identifies nothing. */
const commonPorts = new Set([
  20, 21, 22, 25, 53, 67, 68, 80, 123, 137, 138, 139, 443, 445, 1900, 3478, 3479, 5349, 5353, 8080, 8443,
]);

/** Fields that name a vendor rather than a product: alone they are only allowed if no other entry uses them. */
const vendorFields = ['signer', 'companyName'] as const;

export function lintCatalog(entries: readonly CatalogEntry[]): LintFinding[] {
  const out: LintFinding[] = [];
  const error = (entry: string, message: string) => out.push({ level: 'error', entry, message });
  const warn = (entry: string, message: string) => out.push({ level: 'warning', entry, message });

  const ids = new Set<string>();
  const nameOwners = new Map<string, Set<string>>();
  const vendorValueOwners = new Map<string, Set<string>>();
  const loneVendorRules: { entry: string; key: string }[] = [];
  const claim = (map: Map<string, Set<string>>, key: string, id: string) => {
    const owners = map.get(key) ?? new Set<string>();
    owners.add(id);
    map.set(key, owners);
  };

  for (const entry of entries) {
    if (ids.has(entry.id)) error(entry.id, 'duplicate id');
    ids.add(entry.id);
    const isProtocol = entry.category === 'protocol';

    for (const os of platforms) {
      const sigs = entry[os];
      const hasSignatures = Boolean(sigs && sigs.processes.length + sigs.apps.length > 0);
      const promised = entry.platforms.includes(os);
      if (!isProtocol && promised && !hasSignatures)
        error(entry.id, `lists platform ${os} but has no ${os} signatures`);
      if (hasSignatures && !promised)
        error(entry.id, `has ${os} signatures but does not list platform ${os}`);
      if (!sigs) continue;

      sigs.processes.forEach((rule, i) => {
        const where = `${os}.processes[${i}]`;
        const fields = Object.keys(rule).filter((k) => !['source', 'helper', 'variant'].includes(k));
        if (fields.length === 1 && rule.name) {
          for (const name of rule.name) {
            const key = os === 'linux' ? name : name.toLowerCase();
            if (genericNames.has(name.toLowerCase()))
              error(entry.id, `${where}: "${name}" is too generic on its own`);
            claim(nameOwners, `${os}:${key}`, entry.id);
          }
        }
        for (const field of vendorFields) {
          for (const value of rule[field] ?? [])
            claim(vendorValueOwners, `${os}:${field}:${value.toLowerCase()}`, entry.id);
          if (fields.length === 1 && rule[field]) {
            for (const value of rule[field])
              loneVendorRules.push({ entry: entry.id, key: `${os}:${field}:${value.toLowerCase()}` });
          }
        }
        for (const pattern of rule.path ?? []) lintPath(entry.id, `${where}.path`, os, pattern, error);
        for (const id of rule.bundleId ?? []) {
          if (id.replaceAll('*', '').length < 4 || /\*./.test(id))
            error(entry.id, `${where}: bundle id "${id}" may only end in *`);
        }
      });
      sigs.apps.forEach((rule, i) => {
        for (const pattern of rule.path ?? [])
          lintPath(entry.id, `${os}.apps[${i}].path`, os, pattern, error);
        for (const name of rule.name ?? []) {
          if (tooShortForAName(name)) error(entry.id, `${os}.apps[${i}]: name "${name}" matches too much`);
        }
      });
    }

    entry.network.forEach((rule, i) => {
      const where = `network[${i}]`;
      for (const cidr of rule.cidr ?? []) {
        const range = parseCidr(cidr);
        if (!range) error(entry.id, `${where}: "${cidr}" is not a CIDR range`);
        else if (range.prefix < (range.family === 4 ? 12 : 19))
          error(entry.id, `${where}: "${cidr}" is too broad`);
      }
      for (const cidr of rule.exceptCidr ?? []) {
        if (!parseCidr(cidr)) error(entry.id, `${where}: "${cidr}" is not a CIDR range`);
      }
      const portOnly = !rule.cidr;
      for (const port of [...(rule.remotePort ?? []), ...(rule.listenPort ?? [])]) {
        if (portOnly && commonPorts.has(port))
          error(entry.id, `${where}: port ${port} on its own identifies nothing`);
      }
    });

    if (!isProtocol && !entry.risk) warn(entry.id, 'no risk facts');
    if (entry.missing?.length) warn(entry.id, `facts not sourced: ${entry.missing.join('; ')}`);
  }

  for (const [key, owners] of nameOwners) {
    if (owners.size > 1) error([...owners].join(', '), `process name ${key} is claimed by several clients`);
  }
  for (const { entry, key } of loneVendorRules) {
    const owners = vendorValueOwners.get(key);
    if (owners && owners.size > 1) {
      error(entry, `${key} is used by ${[...owners].join(', ')}: combine it with a product field`);
    }
  }
  return out;
}

function lintPath(
  id: string,
  where: string,
  os: Platform,
  pattern: string,
  error: (entry: string, message: string) => void,
): void {
  if (!isAnchoredPattern(os, pattern)) {
    error(id, `${where}: "${pattern}" must start at a drive, "/" or a placeholder`);
    return;
  }
  try {
    const compiled = compilePathPattern(os, pattern);
    if (!compiled.baseKey) error(id, `${where}: "${pattern}" must end in a literal file or folder name`);
    else if (
      genericNames.has(baseName(pattern).toLowerCase()) &&
      !pattern.includes('/') &&
      !pattern.includes('\\')
    ) {
      error(id, `${where}: "${pattern}" is too generic`);
    }
  } catch (cause) {
    error(id, `${where}: ${(cause as Error).message}`);
  }
}

/**
 * An app-name value must carry enough letters to be specific: three Latin ones, or two of a script
 * where each character is a word (CJK, Hangul: 微信, 카톡).
 */
function tooShortForAName(name: string): boolean {
  const letters = name.replaceAll('*', '').trim();
  const ideographic = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u.test(letters);
  return letters.length < (ideographic ? 2 : 3);
}
