import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agentPolicySchema,
  apiErrorSchema,
  enrollRequestSchema,
  enrollResponseSchema,
  reportRequestSchema,
  reportResponseSchema,
} from '../../shared/index.ts';
import { requireDevice } from '../plugins/authenticate.ts';
import { limitPerMinute, type RateLimits } from '../plugins/rate-limits.ts';
import type { Services } from '../services.ts';

/** Agent API v1 (contracts.md §4). */
export function agentRoutes(services: Services, limits: RateLimits): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const authenticated = requireDevice(services.db);

    app.post(
      '/api/v1/enroll',
      {
        config: limitPerMinute(limits.enrollPerIp, 'ip'),
        schema: { body: enrollRequestSchema, response: { 201: enrollResponseSchema, 401: apiErrorSchema } },
      },
      async (request, reply) => {
        const result = await services.enrollment.enroll(request.body);
        if ('error' in result)
          return reply
            .code(401)
            .send({ error: 'bad_secret', message: 'unknown or revoked enrollment secret' });
        return reply.code(201).send(result);
      },
    );

    app.post(
      '/api/v1/reports',
      {
        config: limitPerMinute(limits.reportsPerDevice),
        preHandler: authenticated,
        schema: {
          body: reportRequestSchema,
          response: { 200: reportResponseSchema, 202: reportResponseSchema },
        },
      },
      async (request, reply) => {
        const { outcome, events } = await services.ingest.submit(request.deviceId as string, request.body);
        for (const event of events) request.log.info({ alert: event }, `alert ${event.event}`);
        return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome });
      },
    );

    app.get(
      '/api/v1/agent/policy',
      {
        preHandler: authenticated,
        schema: { response: { 200: agentPolicySchema, 304: z.null().optional() } },
      },
      async (request, reply) => {
        const policy = services.agentPolicy();
        const etag = `"${createHash('sha256').update(JSON.stringify(policy)).digest('base64url').slice(0, 22)}"`;
        reply.header('etag', etag).header('cache-control', 'no-cache');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
        return policy;
      },
    );
  };
}
