import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { webhookFormats } from '../notifications/alert-message.ts';
import type { RateLimits } from '../plugins/rate-limits.ts';
import type { Services } from '../services.ts';
import { adminRouteGroup } from './route-group.ts';

const idParams = z.object({ id: z.uuid() });

/** Admins only: notification targets, a test button, and delivery status. */
export function webhookRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const { app, audit } = adminRouteGroup(fastify, services, limits, 'admin');

    app.get('/api/v1/webhooks', async () => ({
      webhooks: (await services.webhooks.list()).map((w) => ({
        id: w.id,
        name: w.name,
        url: w.url,
        format: w.format,
        createdAt: w.created_at,
      })),
    }));

    app.post(
      '/api/v1/webhooks',
      {
        schema: {
          body: z.object({
            name: z.string().trim().min(1).max(100),
            url: z.url({ protocol: /^https?$/ }).max(2000),
            format: z.enum(webhookFormats).default('json'),
          }),
        },
      },
      async (request, reply) => {
        const id = await services.webhooks.create(request.body);
        await audit(request, 'webhook.create', id, { name: request.body.name, format: request.body.format });
        return reply.code(201).send({ id });
      },
    );

    app.delete('/api/v1/webhooks/:id', { schema: { params: idParams } }, async (request, reply) => {
      if (!(await services.webhooks.remove(request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'no such webhook' });
      await audit(request, 'webhook.delete', request.params.id);
      return { deleted: true };
    });

    app.post('/api/v1/webhooks/:id/test', { schema: { params: idParams } }, async (request, reply) => {
      if (!(await services.webhooks.queueTest(request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'no such webhook' });
      return reply.code(202).send({ queued: true });
    });

    app.get('/api/v1/webhooks/:id/deliveries', { schema: { params: idParams } }, async (request) => ({
      deliveries: await services.webhooks.deliveries(request.params.id, 50),
    }));
  };
}
