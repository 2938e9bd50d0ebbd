import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { exceptionScopes, policyStates } from '../../shared/index.ts';
import type { RateLimits } from '../plugins/rate-limits.ts';
import type { Services } from '../services.ts';
import { adminRouteGroup } from './route-group.ts';

const clientId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a catalog client id')
  .max(100);
const groupName = z.string().trim().max(100);

/** Policy per client (fleet-wide or per device group) and exceptions (admin API v1). */
export function policyRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const { app, viewer, helpdesk, admin, actor, audit } = adminRouteGroup(fastify, services, limits);

    app.get('/api/v1/policy', { preHandler: viewer }, async () => ({
      rules: (await services.policy.rules()).map((r) => ({
        client: r.client,
        deviceGroup: r.device_group,
        state: r.state,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      })),
      defaults: services.catalog.entries
        .filter((e) => !e.deprecated)
        .map((e) => ({ client: e.id, name: e.name, category: e.category, defaultPolicy: e.defaultPolicy })),
    }));

    app.put(
      '/api/v1/policy',
      {
        preHandler: admin,
        schema: {
          body: z.object({
            client: clientId,
            deviceGroup: groupName.default(''),
            state: z.enum(policyStates),
          }),
        },
      },
      async (request) => {
        const changedAlerts = await services.policy.setRule(request.body, actor(request));
        await audit(request, 'policy.set', request.body.client, request.body);
        return { ...request.body, changedAlerts };
      },
    );

    app.get('/api/v1/exceptions', { preHandler: viewer }, async () => ({
      exceptions: (await services.policy.exceptions()).map((e) => ({
        id: e.id,
        client: e.client,
        scope: e.scope,
        subject: e.subject,
        reason: e.reason,
        grantedBy: e.granted_by,
        createdAt: e.created_at,
        expiresAt: e.expires_at,
      })),
    }));

    app.post(
      '/api/v1/exceptions',
      {
        preHandler: helpdesk,
        schema: {
          body: z.object({
            client: clientId,
            scope: z.enum(exceptionScopes),
            subject: z.string().trim().min(1).max(200),
            reason: z.string().trim().min(3).max(2000),
            expiresAt: z.iso.datetime({ offset: true }),
          }),
        },
      },
      async (request, reply) => {
        const expiresAt = new Date(request.body.expiresAt).toISOString();
        if (expiresAt <= services.now().toISOString()) {
          return reply.code(400).send({ error: 'invalid_body', message: 'expiresAt: must be in the future' });
        }
        const result = await services.policy.grantException({ ...request.body, expiresAt }, actor(request));
        await audit(request, 'exception.grant', result.id, request.body);
        return reply.code(201).send(result);
      },
    );

    app.delete(
      '/api/v1/exceptions/:id',
      { preHandler: helpdesk, schema: { params: z.object({ id: z.uuid() }) } },
      async (request, reply) => {
        const changedAlerts = await services.policy.revokeException(request.params.id);
        if (changedAlerts === undefined)
          return reply.code(404).send({ error: 'not_found', message: 'no such active exception' });
        await audit(request, 'exception.revoke', request.params.id);
        return { changedAlerts };
      },
    );
  };
}
