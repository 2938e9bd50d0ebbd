import { builtInCatalog, type CatalogBundle, type PolicyState, riskScore } from '../shared/index.ts';
import type { DatabaseHandle } from './db/open-database.ts';
import { IngestBatcher } from './ingest/ingest-batcher.ts';
import { notificationSender } from './notifications/notification-sender.ts';
import { accessRepository } from './repositories/access-repository.ts';
import { alertsRepository } from './repositories/alerts-repository.ts';
import { enrollmentRepository } from './repositories/enrollment-repository.ts';
import { fleetRepository } from './repositories/fleet-repository.ts';
import { policyRepository } from './repositories/policy-repository.ts';
import { reportsRepository } from './repositories/reports-repository.ts';
import { sessionsRepository } from './repositories/sessions-repository.ts';
import { agentSilentClient, silenceRepository } from './repositories/silence-repository.ts';
import { summaryRepository } from './repositories/summary-repository.ts';
import { webhooksRepository } from './repositories/webhooks-repository.ts';

/** Everything the routes use, built once over one database handle. No state lives here but config. */
export function createServices(options: {
  readonly database: DatabaseHandle;
  readonly now?: () => Date;
  readonly catalog?: CatalogBundle;
}) {
  const now = options.now ?? (() => new Date());
  const catalog = options.catalog ?? builtInCatalog();
  const defaults = new Map(catalog.entries.map((e) => [e.id, e.defaultPolicy]));
  const { db } = options.database;
  // A client the collector's catalog does not know yet is treated like unknown IM: unsanctioned.
  const defaultPolicy = (client: string): PolicyState => defaults.get(client) ?? 'unsanctioned';
  const names = new Map(catalog.entries.map((e) => [e.id, e.name]));
  const clientName = (client: string) => names.get(client) ?? client;
  return {
    db,
    now,
    catalog,
    enrollment: enrollmentRepository(db, now),
    ingest: new IngestBatcher(
      reportsRepository({
        db,
        dialect: options.database.dialect,
        now,
        defaultPolicy,
        clientName,
      }),
    ),
    fleet: fleetRepository(db, now),
    alerts: alertsRepository(
      db,
      now,
      // A silent agent may be a removed or tampered one: ranked with risky clients.
      new Map([...catalog.entries.map((e) => [e.id, riskScore(e)] as const), [agentSilentClient, 5]]),
    ),
    access: accessRepository(db, now),
    policy: policyRepository(db, now, defaultPolicy, clientName),
    silence: silenceRepository(db, now),
    summary: summaryRepository(db, now),
    sessions: sessionsRepository(db, now),
    notifications: notificationSender({ db, now }),
    webhooks: webhooksRepository(db, now),
    agentPolicy: () => ({
      version: '1',
      scanCron: '*/5 * * * *',
      heartbeatCron: '*/15 * * * *',
      catalogVersion: catalog.version,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
