import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { alertStates, deviceOsValues, deviceStatuses, resolutions } from '../../shared/index.ts';
import type { RateLimits } from '../plugins/rate-limits.ts';
import type { Services } from '../services.ts';
import { adminRouteGroup } from './route-group.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};
const idParams = z.object({ id: z.uuid() });

/** Filters, sorting and paging of the device list (also used by its CSV export). */
export const deviceQuerySchema = z.object({
  ...page,
  search: z.string().max(200).optional(),
  os: z.enum(deviceOsValues).optional(),
  status: z.enum(deviceStatuses).optional(),
  client: z.string().max(100).optional(),
  group: z.string().max(100).optional(),
  hasFindings: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(['hostname', 'lastSeenAt', 'os']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

const alertActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge') }),
  z.object({ type: z.literal('assign'), assignee: z.string().trim().min(1).max(200).nullable() }),
  z.object({
    type: z.literal('resolve'),
    resolution: z.enum(
      resolutions.filter((r) => r !== 'sanctioned') as ['removed', 'exception', 'false-positive'],
    ),
  }),
  z.object({ type: z.literal('reopen') }),
]);

/** Admin API v1 (contracts.md §5): what the dashboard and scripts read and do. */
export function adminRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const { app, viewer, helpdesk, admin, actor, audit } = adminRouteGroup(fastify, services, limits);

    app.get(
      '/api/v1/devices',
      { preHandler: viewer, schema: { querystring: deviceQuerySchema } },
      async (request) => services.fleet.listDevices(request.query),
    );

    app.put(
      '/api/v1/devices/:id/groups',
      {
        preHandler: admin,
        schema: {
          params: idParams,
          body: z.object({ groups: z.array(z.string().trim().min(1).max(100)).max(50) }),
        },
      },
      async (request, reply) => {
        if (!(await services.fleet.setGroups(request.params.id, request.body.groups))) {
          return reply.code(404).send({ error: 'not_found', message: 'no such device' });
        }
        await audit(request, 'device.groups', request.params.id, request.body);
        // Group policy may differ: re-judge what runs on this device now.
        const changedAlerts = await services.policy.reevaluate(
          await services.fleet.currentClients(request.params.id),
        );
        return { groups: request.body.groups, changedAlerts };
      },
    );

    app.get(
      '/api/v1/devices/:id',
      { preHandler: viewer, schema: { params: idParams } },
      async (request, reply) => {
        const device = await services.fleet.device(request.params.id);
        if (!device) return reply.code(404).send({ error: 'not_found', message: 'no such device' });
        return device;
      },
    );

    app.get(
      '/api/v1/alerts',
      {
        preHandler: viewer,
        schema: {
          querystring: z.object({
            ...page,
            state: z.enum(alertStates).optional(),
            client: z.string().max(100).optional(),
            assignee: z.string().max(200).optional(),
            olderThanHours: z.coerce
              .number()
              .min(0)
              .max(24 * 366)
              .optional(),
            sort: z.enum(['risk', 'newest']).optional(),
          }),
        },
      },
      async (request) => services.alerts.list(request.query),
    );

    app.post(
      '/api/v1/alerts/actions',
      {
        preHandler: helpdesk,
        schema: { body: z.object({ ids: z.array(z.uuid()).min(1).max(500), action: alertActionSchema }) },
      },
      async (request) => {
        const results = [];
        // One alert at a time: each is its own transaction and its own audit entry, and one that
        // does not apply (already resolved…) does not stop the others.
        for (const id of new Set(request.body.ids)) {
          try {
            const alert = await services.alerts.act(id, request.body.action);
            if (alert) await audit(request, `alert.${request.body.action.type}`, id, request.body.action);
            results.push(
              alert ? { id, ok: true, state: alert.state } : { id, ok: false, error: 'not_found' },
            );
          } catch (error) {
            if ((error as { code?: string }).code !== 'E_ALERT_TRANSITION') throw error;
            results.push({ id, ok: false, error: 'conflict', message: (error as Error).message });
          }
        }
        return { results };
      },
    );

    app.get(
      '/api/v1/alerts/:id',
      { preHandler: viewer, schema: { params: idParams } },
      async (request, reply) => {
        const alert = await services.alerts.get(request.params.id);
        return alert ?? reply.code(404).send({ error: 'not_found', message: 'no such alert' });
      },
    );

    app.post(
      '/api/v1/alerts/:id/notes',
      {
        preHandler: helpdesk,
        schema: { params: idParams, body: z.object({ body: z.string().trim().min(1).max(4000) }) },
      },
      async (request, reply) => {
        if (!(await services.alerts.addNote(request.params.id, actor(request), request.body.body))) {
          return reply.code(404).send({ error: 'not_found', message: 'no such alert' });
        }
        await audit(request, 'alert.note', request.params.id);
        return reply.code(201).send({ added: true });
      },
    );

    app.get('/api/v1/overview', { preHandler: viewer }, async () => services.summary.overview());
    app.get('/api/v1/clients', { preHandler: viewer }, async () => {
      const names = new Map(services.catalog.entries.map((e) => [e.id, e]));
      return {
        clients: (await services.summary.clients()).map((c) => ({
          ...c,
          name: names.get(c.client)?.name ?? c.client,
          category: names.get(c.client)?.category ?? 'unknown',
          defaultPolicy: names.get(c.client)?.defaultPolicy ?? 'unsanctioned',
          risk: names.get(c.client)?.risk ?? null,
        })),
      };
    });

    app.post(
      '/api/v1/alerts/:id/actions',
      { preHandler: helpdesk, schema: { params: idParams, body: alertActionSchema } },
      async (request, reply) => {
        const alert = await services.alerts.act(request.params.id, request.body);
        if (!alert) return reply.code(404).send({ error: 'not_found', message: 'no such alert' });
        await audit(request, `alert.${request.body.type}`, request.params.id, request.body);
        return alert;
      },
    );
  };
}
