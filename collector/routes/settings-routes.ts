import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RateLimits } from '../plugins/rate-limits.ts';
import { roles } from '../repositories/access-repository.ts';
import type { Services } from '../services.ts';
import { adminRouteGroup } from './route-group.ts';

const idParams = z.object({ id: z.uuid() });
const name = z.string().trim().min(1).max(100);

/** Admins only: enrollment secrets, API tokens and the audit log. Secrets are shown once, at creation. */
export function settingsRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const { app, audit } = adminRouteGroup(fastify, services, limits, 'admin');

    app.get('/api/v1/enroll-secrets', async () => ({
      secrets: (await services.enrollment.listSecrets()).map((s) => ({
        id: s.id,
        name: s.name,
        createdAt: s.created_at,
        revokedAt: s.revoked_at,
      })),
    }));
    app.post('/api/v1/enroll-secrets', { schema: { body: z.object({ name }) } }, async (request, reply) => {
      const created = await services.enrollment.createSecret(request.body.name);
      await audit(request, 'enroll-secret.create', created.id, { name: request.body.name });
      return reply.code(201).send(created);
    });
    app.delete('/api/v1/enroll-secrets/:id', { schema: { params: idParams } }, async (request, reply) => {
      if (!(await services.enrollment.revokeSecret(request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'no such active secret' });
      await audit(request, 'enroll-secret.revoke', request.params.id);
      return { revoked: true };
    });

    app.get('/api/v1/api-tokens', async () => ({
      tokens: (await services.access.listApiTokens()).map((t) => ({
        id: t.id,
        name: t.name,
        role: t.role,
        createdAt: t.created_at,
        revokedAt: t.revoked_at,
      })),
    }));
    app.post(
      '/api/v1/api-tokens',
      { schema: { body: z.object({ name, role: z.enum(roles) }) } },
      async (request, reply) => {
        const created = await services.access.createApiToken(request.body.name, request.body.role);
        await audit(request, 'token.create', created.id, request.body);
        return reply.code(201).send(created);
      },
    );
    app.delete('/api/v1/api-tokens/:id', { schema: { params: idParams } }, async (request, reply) => {
      if (!(await services.access.revokeApiToken(request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'no such active token' });
      await audit(request, 'token.revoke', request.params.id);
      return { revoked: true };
    });

    app.get(
      '/api/v1/audit-log',
      {
        schema: {
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => ({
        entries: (await services.access.auditLog(request.query.limit, request.query.offset)).map((e) => ({
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          target: e.target,
          detail: JSON.parse(e.detail) as unknown,
        })),
      }),
    );
  };
}
