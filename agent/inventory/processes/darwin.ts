import psList from 'ps-list';
import type { ProcessRecord } from '../../../shared/index.ts';
import { darwinUserNames } from '../device/darwin-users.ts';
import { bundleFacts } from '../executables/app-bundle-info.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { enclosingAppBundle } from '../parsers/app-bundle-path.ts';
import { fromPsListDarwin } from '../parsers/parse-ps-list.ts';

/**
 * Running processes on macOS: ps-list (pid, ppid, name, command line, uid, executable path), the
 * owner's short name, and for executables inside an `.app` bundle the bundle's CFBundleIdentifier
 * and signing identity. Needs root to see other users' command lines.
 */
export async function listProcesses(): Promise<FacetResult<ProcessRecord>> {
  const warnings: InventoryWarning[] = [];
  const records = fromPsListDarwin(await psList({ all: true }));

  const uids = new Set(records.flatMap((r) => (r.uid === undefined ? [] : [r.uid])));
  const users = await darwinUserNames(uids).catch((error: unknown) => {
    warnings.push({ facet: 'processes', message: `user names: ${(error as Error).message}` });
    return new Map<number, string>();
  });

  const bundleOf = new Map<number, string>();
  for (const r of records) {
    const bundle = r.path ? enclosingAppBundle(r.path) : undefined;
    if (bundle) bundleOf.set(r.pid, bundle);
  }
  const bundles = await bundleFacts([...bundleOf.values()], { withSigner: true, facet: 'processes' });
  warnings.push(...bundles.warnings);

  const items = records.map(({ uid, ...record }): ProcessRecord => {
    const bundle = bundleOf.get(record.pid);
    const facts = bundle ? bundles.facts.get(bundle) : undefined;
    return {
      ...record,
      user: uid === undefined ? undefined : (users.get(uid) ?? String(uid)),
      bundleId: facts?.info?.bundleId,
      signer: facts?.signer,
    };
  });
  return { items, warnings };
}
