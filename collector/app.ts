import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import packageJson from '../package.json' with { type: 'json' };
import { requireRole } from './plugins/authenticate.ts';
import { installErrorHandler } from './plugins/error-handler.ts';
import { installGzipBodies } from './plugins/gzip-body.ts';
import { createMetrics, installMetrics } from './plugins/metrics.ts';
import { defaultRateLimits, installRateLimits, type RateLimits } from './plugins/rate-limits.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { agentRoutes } from './routes/agent-routes.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { policyRoutes } from './routes/policy-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import type { Services } from './services.ts';

/** Request bodies above this are refused with 413 (after decompression). */
export const defaultBodyLimit = 4 * 1024 * 1024;

/**
 * The collector as a Fastify instance that never listens (`server.ts` starts it). Order: external
 * concerns (errors, bodies, headers) → routes, each group with its own authentication hook.
 */
export async function buildApp(
  services: Services,
  options: {
    readonly logger?: FastifyServerOptions['logger'];
    readonly bodyLimit?: number;
    readonly https?: { readonly cert: Buffer; readonly key: Buffer };
    readonly rateLimits?: RateLimits;
  } = {},
): Promise<FastifyInstance> {
  const common = {
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    trustProxy: false,
  };
  // HTTPS when given a certificate; otherwise plain HTTP for use behind a TLS-terminating proxy.
  const app: FastifyInstance = options.https
    ? (Fastify({
        ...common,
        https: { cert: options.https.cert, key: options.https.key },
      }) as unknown as FastifyInstance)
    : Fastify(common);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await installRateLimits(app);
  const limits = options.rateLimits ?? defaultRateLimits;
  installGzipBodies(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // The OpenAPI document is generated from the same zod schemas that validate requests.
  await app.register(swagger, {
    openapi: {
      info: { title: 'imscout collector API', version: packageJson.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  const metrics = createMetrics(services);
  installMetrics(app, services, metrics);
  services.ingest.onBatch = (size, seconds, outcomes) => {
    metrics.batchSize.observe(size);
    metrics.batchSeconds.observe(seconds);
    for (const outcome of outcomes) metrics.reports.inc({ outcome });
  };
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/docs', { preHandler: requireRole(services, 'viewer'), schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(agentRoutes(services, limits));
  await app.register(adminRoutes(services, limits));
  await app.register(policyRoutes(services, limits));
  await app.register(settingsRoutes(services, limits));
  await app.register(webhookRoutes(services, limits));
  await app.register(exportRoutes(services, limits));
  await app.register(sessionRoutes(services, { ...limits, secureCookies: Boolean(options.https) }));
  return app;
}
