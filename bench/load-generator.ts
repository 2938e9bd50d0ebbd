import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Keep-alive connections, as agents behind a load balancer would reuse them. */
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

const clients = ['telegram', 'whatsapp', 'signal', 'discord', 'slack', 'zoom', 'irssi', 'hexchat'];

/** A report as agents send it: 0–4 findings, each with a few pieces of evidence. */
export function realisticReport(i: number) {
  const count = i % 5;
  const findings = Array.from({ length: count }, (_, k) => {
    const client = clients[(i + k) % clients.length] as string;
    return {
      client,
      name: client,
      category: 'consumer-im',
      confidence: 'high',
      running: true,
      installed: true,
      evidence: [
        {
          kind: 'process',
          pid: 1000 + k,
          name: `${client}.exe`,
          path: `C:\\Users\\user${i % 900}\\AppData\\Local\\${client}\\${client}.exe`,
          user: `user${i % 900}`,
          matched: 'windows.path',
          confidence: 'high',
        },
        {
          kind: 'installed-app',
          name: client,
          version: '1.2.3',
          appSource: 'registry-user',
          matched: 'windows.app.name',
          confidence: 'medium',
        },
      ],
    };
  });
  return {
    reportId: randomUUID(),
    kind: 'scan',
    scannedAt: new Date(Date.UTC(2026, 10, 22) + i * 1000).toISOString(),
    agentVersion: '0.1.0',
    catalogVersion: '2026.11.1',
    device: { hostname: `ws-${i % 10_000}`, os: 'windows', users: [`user${i % 900}`] },
    findings,
  };
}

export type Target = { readonly url: string; readonly tokenFor: (i: number) => string };

function send(target: Target, i: number): Promise<number> {
  const body = JSON.stringify(realisticReport(i));
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${target.tokenFor(i)}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** As many reports as `concurrency` senders manage in `seconds`: reports per second accepted. */
export async function saturation(
  target: Target,
  options: { concurrency: number; seconds: number; offset: number },
): Promise<number> {
  let ok = 0;
  let next = options.offset;
  const end = performance.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < end) if ((await send(target, next++)) < 300) ok++;
    }),
  );
  return ok / options.seconds;
}

/** Reports sent at a fixed rate whatever the answers: latency percentiles in ms. */
export async function fixedRate(
  target: Target,
  options: { perSecond: number; seconds: number; offset: number },
) {
  const latencies: number[] = [];
  let failures = 0;
  const total = options.perSecond * options.seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    pending.push(
      send(target, options.offset + n).then((status) => {
        if (status >= 300) failures++;
        latencies.push(performance.now() - sent);
      }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  return { p50: at(0.5), p99: at(0.99), failures };
}
