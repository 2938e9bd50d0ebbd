import { z } from 'zod';

/**
 * The schema of one catalog entry (one YAML file per client under `shared/catalog/clients/`).
 * Strict: an unknown key is an error, so a typo never silently disables a signature.
 *
 * Every rule is a conjunction: each field present must match, and within a field any listed value
 * may match. Every rule names the `source` (a key of the entry's `sources`) its facts come from.
 */

export const platforms = ['windows', 'macos', 'linux'] as const;
export type Platform = (typeof platforms)[number];

export const categories = [
  'consumer-im',
  'enterprise-im',
  'conferencing',
  'gaming-voice',
  'open-protocol',
  'irc',
  'xmpp',
  'p2p-im',
  'aggregator',
  'legacy-im',
  'protocol',
] as const;
export type Category = (typeof categories)[number];

export const policyStates = ['sanctioned', 'unsanctioned', 'monitored'] as const;
export type PolicyState = (typeof policyStates)[number];

const nonEmpty = z.string().trim().min(1);
const values = z.array(nonEmpty).min(1);
const sourceRef = nonEmpty.describe('a key of this entry’s `sources`');
const isoDate = z.iso.date();

const sourceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  title: nonEmpty,
  retrieved: isoDate,
});

/** Fields a process rule may test. Which platform fills which is documented in inventory-schema.ts. */
const processRuleSchema = z
  .strictObject({
    /** Executable or process name, exactly (case-insensitive on windows and macos). */
    name: values.optional(),
    /** Executable path pattern: `*` within a folder, `**` across folders, placeholders (glob.ts). */
    path: values.optional(),
    /** Windows version resource. */
    originalFilename: values.optional(),
    productName: values.optional(),
    companyName: values.optional(),
    fileDescription: values.optional(),
    /** Authenticode subject (windows) or Apple Team ID (macos). */
    signer: values.optional(),
    /** Identifier of the enclosing macOS app bundle; a trailing `*` matches helper ids. */
    bundleId: values.optional(),
    /** Linux package, snap or flatpak that owns the executable. */
    package: values.optional(),
    /** Marks helper processes (renderers, updaters, daemons) in the evidence. */
    helper: z.boolean().optional(),
    /** A fork or third-party client reported under this network's id (Vesktop, Caprine…). */
    variant: nonEmpty.optional(),
    source: sourceRef,
  })
  .refine((r) => Object.keys(r).some((k) => processFields.includes(k as ProcessField)), {
    message: 'a process rule needs at least one field to match',
  });

const appRuleSchema = z
  .strictObject({
    /** Display name of the installed app (uninstall entry, bundle name, .desktop Name); `*` allowed. */
    name: values.optional(),
    publisher: values.optional(),
    bundleId: values.optional(),
    /** Distribution package, snap or flatpak id. */
    package: values.optional(),
    /** File name of the .desktop entry. */
    desktopFile: values.optional(),
    /** Install location pattern (same syntax as process paths). */
    path: values.optional(),
    variant: nonEmpty.optional(),
    source: sourceRef,
  })
  .refine((r) => Object.keys(r).some((k) => appFields.includes(k as AppField)), {
    message: 'an app rule needs at least one field to match',
  });

const port = z.int().min(1).max(65535);
const networkRuleSchema = z
  .strictObject({
    /** Published address ranges of the service (vendor-owned only, never shared CDNs). */
    cidr: values.optional(),
    /** Published service domains (for firewall teams; sockets carry no names). */
    domain: values.optional(),
    /** Ports the client connects to. */
    remotePort: z.array(port).min(1).optional(),
    /** Ports the client listens on (file transfer, P2P, local APIs). */
    listenPort: z.array(port).min(1).optional(),
    /** Ranges whose traffic on these ports is a documented non-IM service (Apple push on 5223). */
    exceptCidr: values.optional(),
    protocol: z.enum(['tcp', 'udp']).optional(),
    source: sourceRef,
  })
  .refine((r) => r.cidr || r.domain || r.remotePort || r.listenPort, {
    message: 'a network rule needs cidr, domain, remotePort or listenPort',
  });

const platformSignaturesSchema = z.strictObject({
  processes: z.array(processRuleSchema).default([]),
  apps: z.array(appRuleSchema).default([]),
});

const riskSchema = z.strictObject({
  /** End-to-end encryption of conversations: on by default, opt-in, or none. */
  e2ee: z.enum(['default', 'optional', 'none', 'unknown']),
  fileTransfer: z.boolean(),
  peerToPeer: z.boolean(),
  federation: z.boolean(),
  /** Who operates the servers and where, in a few words ("self-hosted", "USA (Slack)"). */
  serverLocation: nonEmpty,
  source: sourceRef,
});

export const catalogEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'),
    name: nonEmpty,
    vendor: nonEmpty,
    category: z.enum(categories),
    description: nonEmpty,
    platforms: z.array(z.enum(platforms)).min(1),
    defaultPolicy: z.enum(policyStates),
    /** Retired entries stay in the catalog (ids are never reused) but never match. */
    deprecated: z.boolean().optional(),
    risk: riskSchema.optional(),
    windows: platformSignaturesSchema.optional(),
    macos: platformSignaturesSchema.optional(),
    linux: platformSignaturesSchema.optional(),
    network: z.array(networkRuleSchema).default([]),
    /** Facts looked for but not found in any source: recorded instead of guessed. */
    missing: z.array(nonEmpty).optional(),
    /** Platforms the coverage list asks for that no source lets us recognise, and why. */
    waivers: z.array(z.strictObject({ platform: z.enum(platforms), reason: nonEmpty })).optional(),
    sources: z.record(z.string().regex(/^[a-z0-9-]+$/), sourceSchema),
  })
  .superRefine((entry, ctx) => {
    const known = new Set(Object.keys(entry.sources));
    const check = (ref: string, path: PropertyKey[]) => {
      if (!known.has(ref)) ctx.addIssue({ code: 'custom', path, message: `unknown source "${ref}"` });
    };
    if (entry.risk) check(entry.risk.source, ['risk', 'source']);
    for (const os of platforms) {
      const sigs = entry[os];
      for (const [i, r] of (sigs?.processes ?? []).entries()) check(r.source, [os, 'processes', i, 'source']);
      for (const [i, r] of (sigs?.apps ?? []).entries()) check(r.source, [os, 'apps', i, 'source']);
    }
    for (const [i, r] of entry.network.entries()) check(r.source, ['network', i, 'source']);
    for (const [i, w] of (entry.waivers ?? []).entries()) {
      if (entry.platforms.includes(w.platform)) {
        ctx.addIssue({
          code: 'custom',
          path: ['waivers', i, 'platform'],
          message: `${w.platform} is covered, not waived`,
        });
      }
    }
  });

export const processFields = [
  'name',
  'path',
  'originalFilename',
  'productName',
  'companyName',
  'fileDescription',
  'signer',
  'bundleId',
  'package',
] as const;
export type ProcessField = (typeof processFields)[number];

export const appFields = ['name', 'publisher', 'bundleId', 'package', 'desktopFile', 'path'] as const;
export type AppField = (typeof appFields)[number];

export type CatalogEntryInput = z.input<typeof catalogEntrySchema>;
export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type ProcessRule = NonNullable<CatalogEntry['windows']>['processes'][number];
export type AppRule = NonNullable<CatalogEntry['windows']>['apps'][number];
export type NetworkRule = CatalogEntry['network'][number];

/** The compiled catalog: what the agent ships and the collector serves. */
export const catalogBundleSchema = z.strictObject({
  schema: z.literal('imscout.catalog/v1'),
  generatedBy: nonEmpty.optional(),
  version: nonEmpty,
  entries: z.array(catalogEntrySchema),
});
export type CatalogBundle = z.output<typeof catalogBundleSchema>;
