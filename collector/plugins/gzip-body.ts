import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/**
 * Accepts `Content-Encoding: gzip` request bodies. The body limit applies to the decompressed
 * stream, so a small bomb cannot expand past it.
 */
export function installGzipBodies(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      return reply.code(415).send({
        error: 'unsupported_encoding',
        message: `content-encoding ${encoding} is not supported (gzip is)`,
      });
    }
    // Fastify checks Content-Length against the bytes that arrived, which the new stream must report.
    const gunzip = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
    payload.on('data', (chunk: Buffer) => {
      gunzip.receivedEncodedLength += chunk.length;
    });
    payload.pipe(gunzip);
    return gunzip;
  });
}
