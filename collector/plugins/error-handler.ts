import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AlertTransitionError, formatIssuePath } from '../../shared/index.ts';

/** Every error leaves as `{"error": "<code>", "message": "<one line>"}` (contracts.md §4). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = first
        ? formatIssuePath(
            (first.instancePath || '/')
              .split('/')
              .filter(Boolean)
              .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          )
        : '';
      const message = first
        ? `${where === '(document)' ? 'body' : where}: ${first.message}`
        : 'invalid request';
      const more = error.validation.length > 1 ? ` (and ${error.validation.length - 1} more)` : '';
      return reply
        .code(400)
        .send({ error: `invalid_${error.validationContext ?? 'request'}`, message: `${message}${more}` });
    }
    if (error instanceof AlertTransitionError)
      return reply.code(409).send({ error: 'conflict', message: error.message });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ error: 'body_too_large', message: 'request body is larger than the limit' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'internal error; see the collector log' });
    }
    // Plugins may throw plain objects carrying their own code (rate limits: `rate_limited`).
    const own = (error as { error?: unknown }).error;
    const code = typeof own === 'string' ? own : error.code?.toLowerCase();
    const message = (error.message ?? 'request refused').split('\n')[0];
    return reply.code(status).send({ error: code ?? 'bad_request', message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send({ error: 'not_found', message: `${request.method} ${request.url.split('?')[0]} does not exist` });
  });
}
