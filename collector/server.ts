import { readFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import type { CollectorConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createServices } from './services.ts';

/** Starts the collector: database (migrated), app, listener; stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: CollectorConfig): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = createServices({ database });
  const https =
    config.tlsCert && config.tlsKey
      ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) }
      : undefined;
  const app = await buildApp(services, {
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    ...(https ? { https } : {}),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    await app.close();
    await database.db.destroy();
    process.exitCode = 0;
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.dialect, location: database.location }, 'imscout collector ready');
}
