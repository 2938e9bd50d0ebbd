import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import type { AccessRepository, Principal, Role } from '../repositories/access-repository.ts';
import { hashSecret } from '../security/secrets.ts';

declare module 'fastify' {
  interface FastifyRequest {
    deviceId?: string;
    principal?: Principal;
  }
}

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

/** preHandler for admin routes: an API token (sessions come with the dashboard) with at least `role`. */
export function requireRole(access: AccessRepository, role: Role) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    const principal = token ? await access.principalForToken(token) : undefined;
    if (!principal) return unauthorized(reply, 'missing or unknown API token');
    if (rank[principal.role] < rank[role]) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `this needs the ${role} role; the caller is ${principal.role}`,
      });
    }
    request.principal = principal;
  };
}
