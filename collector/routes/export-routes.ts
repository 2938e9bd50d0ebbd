import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { alertStates } from '../../shared/index.ts';
import type { RateLimits } from '../plugins/rate-limits.ts';
import type { Services } from '../services.ts';
import { deviceQuerySchema } from './admin-routes.ts';
import { adminRouteGroup } from './route-group.ts';

/** Rows in one export at most. */
const maxExportRows = 100_000;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading quote:
 * hostnames and process names are chosen by whoever controls the endpoint.
 */
export function neutralizeCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => neutralizeCell(row[c]))),
    { header: true, columns: [...columns] },
  );
}

/** CSV exports of devices and alerts, with the list endpoints' filters. */
export function exportRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const { app, viewer } = adminRouteGroup(fastify, services, limits);
    app.addHook('preHandler', viewer);

    app.get(
      '/api/v1/devices.csv',
      { schema: { querystring: deviceQuerySchema.omit({ limit: true, offset: true }) } },
      async (request, reply) => {
        const { devices } = await services.fleet.listDevices({
          ...request.query,
          limit: maxExportRows,
          offset: 0,
        });
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="imscout-devices.csv"');
        return csv(['id', 'hostname', 'os', 'status', 'lastSeenAt', 'findings', 'openAlerts'], devices);
      },
    );

    app.get(
      '/api/v1/alerts.csv',
      {
        schema: {
          querystring: z.object({
            state: z.enum(alertStates).optional(),
            client: z.string().max(100).optional(),
          }),
        },
      },
      async (request, reply) => {
        const { alerts } = await services.alerts.list({ ...request.query, limit: maxExportRows, offset: 0 });
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="imscout-alerts.csv"');
        return csv(
          [
            'id',
            'hostname',
            'client',
            'state',
            'resolution',
            'assignee',
            'openedAt',
            'updatedAt',
            'timesOpened',
          ],
          alerts,
        );
      },
    );
  };
}
