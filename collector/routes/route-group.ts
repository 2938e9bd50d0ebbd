import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../plugins/authenticate.ts';
import type { RateLimits } from '../plugins/rate-limits.ts';
import type { Principal } from '../repositories/access-repository.ts';
import type { Services } from '../services.ts';

/**
 * What every admin route group starts with: typed routes, the per-caller rate limit, one role check
 * per role, and an audit helper that records who did what. `minimum`, when given, guards the whole
 * group (settings and webhooks are admin-only).
 */
export function adminRouteGroup(
  fastify: FastifyInstance,
  services: Services,
  limits: RateLimits,
  minimum?: 'admin',
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.rateLimit({ max: limits.adminPerCaller, timeWindow: 60_000 }));
  if (minimum) app.addHook('preHandler', requireRole(services, minimum));
  const roles: Record<
    'viewer' | 'helpdesk' | 'admin',
    (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
  > = {
    viewer: requireRole(services, 'viewer'),
    helpdesk: requireRole(services, 'helpdesk'),
    admin: requireRole(services, 'admin'),
  };
  /** `kind:name` of the caller, as the audit log and the records it changes name it. */
  const actor = (request: { principal?: Principal }) =>
    request.principal ? `${request.principal.kind}:${request.principal.name}` : 'unknown';
  const audit = (request: { principal?: Principal }, action: string, target: string, detail?: object) =>
    services.access.audit(request.principal ?? 'unknown', action, target, detail);
  return { app, ...roles, actor, audit };
}
