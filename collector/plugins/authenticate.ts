import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import type { AccessRepository, Principal, Role } from '../repositories/access-repository.ts';
import type { SessionsRepository } from '../repositories/sessions-repository.ts';
import { hashSecret } from '../security/secrets.ts';

declare module 'fastify' {
  interface FastifyRequest {
    deviceId?: string;
    principal?: Principal;
  }
}

export const sessionCookie = 'imscout_session';
export const csrfHeader = 'x-csrf-token';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

const unauthorized = (reply: FastifyReply, message: string) =>
  reply.code(401).send({ error: 'unauthorized', message });

/** preHandler for agent routes: the bearer token must belong to an enrolled device. */
export function requireDevice(db: Kysely<Database>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    if (!token) return unauthorized(reply, 'missing bearer token');
    const device = await db
      .selectFrom('devices')
      .select('id')
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!device) return unauthorized(reply, 'unknown or rotated device token');
    request.deviceId = device.id;
  };
}

const rank: Record<Role, number> = { viewer: 0, helpdesk: 1, admin: 2 };
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * preHandler for admin routes: an API token (scripts) or a dashboard session cookie, with at least
 * `role`. A cookie is sent by the browser on its own, so a state-changing request that relies on it
 * must also carry the session's CSRF token in a header, which another site cannot read or set.
 */
export function requireRole(
  services: { access: AccessRepository; sessions: SessionsRepository },
  role: Role,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let principal: Principal | undefined;
    const token = bearer(request);
    if (token) principal = await services.access.principalForToken(token);
    else {
      const sessionId = request.cookies?.[sessionCookie];
      const session = sessionId ? await services.sessions.find(sessionId) : undefined;
      if (session && !safeMethods.has(request.method) && request.headers[csrfHeader] !== session.csrfToken) {
        return reply.code(403).send({
          error: 'csrf',
          message: `state-changing requests need the ${csrfHeader} header of the session`,
        });
      }
      principal = session?.principal;
    }
    if (!principal) return unauthorized(reply, 'sign in, or send an API token');
    if (rank[principal.role] < rank[role]) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `this needs the ${role} role; the caller is ${principal.role}`,
      });
    }
    request.principal = principal;
  };
}
