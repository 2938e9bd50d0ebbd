import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Services } from '../services.ts';
import { requireRole } from './authenticate.ts';

/**
 * Prometheus metrics at `/metrics` (API token, viewer role): requests, ingest outcomes, batch sizes
 * and database time per batch, and fleet gauges read from the database at scrape time, so every
 * collector behind a load balancer reports the same fleet.
 */
export function createMetrics(services: Services) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'imscout_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'imscout_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const reports = new Counter({
    name: 'imscout_reports_total',
    help: 'Agent reports by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'imscout_ingest_batch_reports',
    help: 'Reports per ingest transaction',
    buckets: [1, 5, 25, 100, 250],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'imscout_ingest_batch_seconds',
    help: 'Database time per ingest transaction',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  new Gauge({
    name: 'imscout_devices',
    help: 'Enrolled devices',
    registers: [registry],
    async collect() {
      const row = await services.db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'imscout_alerts_unresolved',
    help: 'Open and acknowledged alerts',
    registers: [registry],
    async collect() {
      const row = await services.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('state', '!=', 'resolved')
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  return { registry, requests, duration, reports, batchSize, batchSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function installMetrics(app: FastifyInstance, services: Services, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ route }, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    { preHandler: requireRole(services, 'viewer'), schema: { hide: true } },
    async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}
