import { z } from 'zod';
import { categories } from './catalog/catalog-schema.ts';
import { deviceOsValues } from './inventory-schema.ts';

/** `imscout.scan/v1` (contracts.md §2): one finding per catalog client, with its evidence. */

export const confidenceValues = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof confidenceValues)[number];

export const evidenceKinds = ['process', 'listening-port', 'connection', 'installed-app'] as const;

const optionalText = z.string().optional();
const port = z.int().min(0).max(65535);

export const evidenceSchema = z.object({
  kind: z.enum(evidenceKinds),
  /** The signature rule that fired: `<os>.<field>`, `<os>.app.<field>`, `network.<field>` or `process.owner`. */
  matched: z.string(),
  /** The catalog value that matched (a name, a pattern, a range), so a finding explains itself. */
  value: optionalText,
  confidence: z.enum(confidenceValues).optional(),
  /** A fork or third-party client of the network (Vesktop, Caprine…). */
  variant: optionalText,
  helper: z.boolean().optional(),
  pid: z.int().nonnegative().optional(),
  name: optionalText,
  path: optionalText,
  user: optionalText,
  protocol: z.enum(['tcp', 'udp']).optional(),
  address: optionalText,
  port: port.optional(),
  remoteAddress: optionalText,
  remotePort: port.optional(),
  version: optionalText,
  /** For installed apps: where the app was found (registry-user, dpkg…). */
  appSource: optionalText,
});

export const findingSchema = z.object({
  client: z.string().min(1),
  name: z.string().min(1),
  category: z.enum(categories),
  confidence: z.enum(confidenceValues),
  running: z.boolean(),
  installed: z.boolean(),
  evidence: z.array(evidenceSchema).max(200),
  /** Evidence left out of a very noisy finding (the strongest is kept). */
  evidenceOmitted: z.int().positive().optional(),
});

export const scanResultSchema = z.object({
  schema: z.literal('imscout.scan/v1'),
  catalogVersion: z.string(),
  device: z.object({ hostname: z.string(), os: z.enum(deviceOsValues) }),
  findings: z.array(findingSchema),
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type ScanResult = z.infer<typeof scanResultSchema>;
