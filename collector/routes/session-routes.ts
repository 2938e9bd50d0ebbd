import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csrfHeader, requireRole, sessionCookie } from '../plugins/authenticate.ts';
import { limitPerMinute, type RateLimits } from '../plugins/rate-limits.ts';
import { sessionLifetimeMs } from '../repositories/sessions-repository.ts';
import type { Services } from '../services.ts';

/** Dashboard sign-in and sign-out. The session id travels only in an HttpOnly, SameSite cookie. */
export function sessionRoutes(
  services: Services,
  limits: RateLimits & { readonly secureCookies: boolean },
): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: limits.secureCookies,
    };

    app.post(
      '/api/v1/session',
      {
        // Password guessing is slowed per address on top of scrypt's cost.
        config: limitPerMinute(limits.loginPerIp, 'ip'),
        schema: {
          body: z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) }),
        },
      },
      async (request, reply) => {
        const result = await services.sessions.signIn(request.body.email, request.body.password);
        if (!result) {
          await services.access.audit(
            `login:${request.ip}`,
            'session.failed',
            request.body.email.toLowerCase(),
          );
          return reply
            .code(401)
            .send({ error: 'bad_credentials', message: 'unknown e-mail or wrong password' });
        }
        await services.access.audit(result.session.principal, 'session.create', result.session.principal.id);
        reply.setCookie(sessionCookie, result.sessionId, {
          ...cookieOptions,
          maxAge: sessionLifetimeMs / 1000,
        });
        return {
          email: result.session.email,
          role: result.session.principal.role,
          csrfToken: result.session.csrfToken,
          csrfHeader,
        };
      },
    );

    app.get('/api/v1/session', async (request, reply) => {
      const sessionId = request.cookies[sessionCookie];
      const session = sessionId ? await services.sessions.find(sessionId) : undefined;
      if (!session) return reply.code(401).send({ error: 'unauthorized', message: 'not signed in' });
      return { email: session.email, role: session.principal.role, csrfToken: session.csrfToken, csrfHeader };
    });

    app.delete('/api/v1/session', { preHandler: requireRole(services, 'viewer') }, async (request, reply) => {
      const sessionId = request.cookies[sessionCookie];
      if (sessionId) await services.sessions.signOut(sessionId);
      reply.clearCookie(sessionCookie, cookieOptions);
      return { signedOut: true };
    });
  };
}
