import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySnapshotSchema, type ScanResult, scanResultSchema } from '../../../shared/index.ts';
import { ChildProcesses, waitFor } from '../../helpers/child-processes.ts';

/**
 * The real thing: IM clients from Debian's packages started on this machine, a local IRC server
 * for irssi to talk to, and programs named like chat clients that are not; then the agent's CLI
 * scans the live machine in a separate process.
 */
const bin = join(import.meta.dirname, '../../../agent/bin/imscout-agent.ts');
const required = [
  '/usr/bin/irssi',
  '/usr/bin/pidgin',
  '/usr/bin/hexchat',
  '/usr/bin/Xvfb',
  '/usr/bin/script',
];
const children = new ChildProcesses();
const tmp = mkdtempSync(join(tmpdir(), 'imscout-live-'));
const display = `:${90 + (process.pid % 100)}`;
let ircServer: Server;
const lookAlikePids: number[] = [];

function scan(): ScanResult {
  const out = spawnSync(process.execPath, [bin, 'scan', '--json'], { encoding: 'utf8', timeout: 60_000 });
  if (out.status !== 0) throw new Error(`scan failed (${out.status}): ${out.stderr}`);
  return scanResultSchema.parse(JSON.parse(out.stdout));
}

const processEvidence = (result: ScanResult, client: string) =>
  result.findings.find((f) => f.client === client)?.evidence.filter((e) => e.kind === 'process') ?? [];

beforeAll(async () => {
  const missing = required.filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(', ')}: apt-get install irssi pidgin hexchat xvfb (bash .ci/run does it)`,
    );
  }
  ircServer = createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve, reject) =>
    ircServer.once('error', reject).listen(6667, '127.0.0.1', resolve),
  );

  children.start('Xvfb', [display, '-nolisten', 'tcp', '-screen', '0', '1024x768x24']);
  await waitFor('Xvfb', () => (existsSync(`/tmp/.X11-unix/X${display.slice(1)}`) ? true : undefined));
  const env = { ...process.env, DISPLAY: display, HOME: tmp, NO_AT_BRIDGE: '1' };
  children.start(
    'script',
    ['-qfc', `irssi --home=${tmp}/irssi -c 127.0.0.1 -p 6667 -n imscouttest`, '/dev/null'],
    { env },
  );
  children.start('pidgin', [`--config=${tmp}/pidgin`], { env });
  children.start('hexchat', [`--cfgdir=${tmp}/hexchat`], { env });

  // Look-alikes: real programs under names chat clients also use, and names that merely contain one.
  for (const name of ['telegraf', 'slack', 'tox', 'irssi-proxy-helper', 'gnome-session', 'signalrgb']) {
    copyFileSync('/usr/bin/sleep', join(tmp, name));
    const child = children.start(join(tmp, name), ['300']);
    if (child.pid) lookAlikePids.push(child.pid);
  }
  const flock = children.start('flock', [join(tmp, 'lock'), 'sleep', '300']);
  if (flock.pid) lookAlikePids.push(flock.pid);
}, 60_000);

afterAll(async () => {
  await children.stopAll();
  ircServer?.close();
});

describe('a live scan of this machine', () => {
  it('finds irssi, pidgin and hexchat running, with their path and user, and nothing else', async () => {
    const me = userInfo().username;
    const result = await waitFor(
      'all three clients and irssi connected',
      () => {
        const r = scan();
        const irssi = r.findings.find((f) => f.client === 'irssi');
        const ready =
          ['pidgin', 'hexchat'].every((c) => processEvidence(r, c).length > 0) &&
          irssi?.evidence.some((e) => e.kind === 'connection');
        return ready ? r : undefined;
      },
      30_000,
    );

    for (const [client, path] of [
      ['irssi', '/usr/bin/irssi'],
      ['pidgin', '/usr/bin/pidgin'],
      ['hexchat', '/usr/bin/hexchat'],
    ] as const) {
      const finding = result.findings.find((f) => f.client === client);
      expect(finding, client).toMatchObject({ running: true, installed: true, confidence: 'high' });
      expect(processEvidence(result, client)).toContainEqual(expect.objectContaining({ path, user: me }));
    }
    // irssi's connection to the IRC port is its own evidence, not a protocol finding of its own …
    const irssiConnection = result.findings
      .find((f) => f.client === 'irssi')
      ?.evidence.find((e) => e.kind === 'connection');
    expect(irssiConnection).toMatchObject({ remotePort: 6667, name: 'irssi' });
    // … while the unknown program listening on 6667 (this test) is one.
    const irc = result.findings.find((f) => f.client === 'irc-protocol');
    expect(irc?.evidence).toContainEqual(
      expect.objectContaining({ kind: 'listening-port', port: 6667, pid: process.pid }),
    );
    expect(irc?.evidence.some((e) => e.kind === 'connection')).toBe(false);

    // Nothing else: other findings can only be clients installed on this machine but not running.
    const started = new Set(['irssi', 'pidgin', 'hexchat', 'irc-protocol']);
    for (const f of result.findings.filter((x) => !started.has(x.client))) {
      expect(f, `${f.client} should be installed-only`).toMatchObject({ running: false, installed: true });
    }
  });

  it('prints a valid inventory snapshot that scans to the same clients as the live machine', () => {
    const out = spawnSync(process.execPath, [bin, 'inventory', '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status).toBe(0);
    const snapshot = inventorySnapshotSchema.parse(JSON.parse(out.stdout));
    expect(snapshot.processes?.find((p) => p.path === '/usr/bin/hexchat')).toMatchObject({ name: 'hexchat' });
    const file = join(tmp, 'inventory.json');
    writeFileSync(file, out.stdout);
    const fromFile = spawnSync(process.execPath, [bin, 'scan', '--snapshot', file, '--json'], {
      encoding: 'utf8',
    });
    const live = scan();
    const clients = (r: ScanResult) => r.findings.map((f) => f.client);
    expect(clients(scanResultSchema.parse(JSON.parse(fromFile.stdout)))).toEqual(clients(live));
  });

  it('never reports the look-alikes', () => {
    const result = scan();
    const pids = new Set(result.findings.flatMap((f) => f.evidence.map((e) => e.pid)));
    for (const pid of lookAlikePids) expect(pids.has(pid), `look-alike pid ${pid} reported`).toBe(false);
    const running = execFileSync('ps', ['-o', 'comm=', '-p', lookAlikePids.join(',')], { encoding: 'utf8' });
    expect(running.split('\n').filter(Boolean).length).toBe(lookAlikePids.length);
  });
});
