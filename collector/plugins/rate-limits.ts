import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../security/secrets.ts';

/** Requests per minute; per collector process (counters are traffic control, not fleet state). */
export type RateLimits = {
  readonly reportsPerDevice: number;
  readonly enrollPerIp: number;
  readonly adminPerCaller: number;
  readonly loginPerIp: number;
};

export const defaultRateLimits: RateLimits = {
  // A day's queue drains with jitter; 120 a minute lets it through without letting a device flood.
  reportsPerDevice: 120,
  enrollPerIp: 30,
  adminPerCaller: 600,
  loginPerIp: 10,
};

/** Who a request counts against: its bearer token (hashed, never kept raw), else its address. */
function caller(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? `t:${hashSecret(header.slice(7).trim())}` : `ip:${request.ip}`;
}

/**
 * Rate limits are opt-in per route (`config.rateLimit`); this registers the plugin with the answer
 * format of every other error.
 */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: caller,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `more than ${context.max} requests in ${context.after}; retry later`,
    }),
  });
}

export function limitPerMinute(max: number, key: 'caller' | 'ip' = 'caller') {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      ...(key === 'ip' ? { keyGenerator: (request: FastifyRequest) => `ip:${request.ip}` } : {}),
    },
  };
}
