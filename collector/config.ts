import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../shared/index.ts';

/**
 * The collector's settings, read and validated once at start: flags override the environment, which
 * overrides `collector.json` in the data directory. Unknown keys in the file are errors.
 */
export const collectorConfigSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('.imscout/collector'),
  databaseUrl: z.string().min(1).optional(),
  /** PEM files: HTTPS when both are given; else HTTP behind a TLS-terminating proxy. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Processes sharing the port (node:cluster); 0 means one per CPU core. */
  workers: z.coerce.number().int().min(0).max(64).default(1),
});
export type CollectorConfig = z.infer<typeof collectorConfigSchema>;

const environment: Record<keyof CollectorConfig, string> = {
  port: 'IMSCOUT_PORT',
  host: 'IMSCOUT_HOST',
  dataDir: 'IMSCOUT_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  tlsCert: 'IMSCOUT_TLS_CERT',
  tlsKey: 'IMSCOUT_TLS_KEY',
  bodyLimitBytes: 'IMSCOUT_BODY_LIMIT',
  logLevel: 'IMSCOUT_LOG_LEVEL',
  workers: 'IMSCOUT_WORKERS',
};

export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
}

export function loadConfig(
  flags: Partial<Record<keyof CollectorConfig, string>>,
  env: NodeJS.ProcessEnv = process.env,
): CollectorConfig {
  const fromEnv = Object.fromEntries(
    Object.entries(environment).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : [])),
  );
  const dataDir = flags.dataDir ?? fromEnv.dataDir ?? collectorConfigSchema.shape.dataDir.parse(undefined);
  const file = join(dataDir, 'collector.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const merged = { ...fromFile, ...fromEnv, ...defined };
  const result = collectorConfigSchema.safeParse(merged);
  if (!result.success)
    throw new ConfigError(`invalid configuration: ${formatIssues(result.error, merged).join('; ')}`);
  if (Boolean(result.data.tlsCert) !== Boolean(result.data.tlsKey))
    throw new ConfigError('tlsCert and tlsKey go together');
  return result.data;
}
