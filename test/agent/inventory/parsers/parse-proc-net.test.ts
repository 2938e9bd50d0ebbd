import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcNet } from '../../../../agent/inventory/parsers/parse-proc-net.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/linux/${name}`, import.meta.url), 'latin1');

describe('parseProcNet', () => {
  it('decodes IPv4 listeners and connections recorded from a real /proc/net/tcp', () => {
    const sockets = parseProcNet(fixture('proc-net-tcp.txt'), 'tcp');
    expect(sockets).toHaveLength(11);
    expect(sockets[0]).toEqual({
      protocol: 'tcp',
      localAddress: '127.0.0.1',
      localPort: 6379,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'listen',
      inode: 4603,
    });
    expect(sockets[6]).toMatchObject({ localAddress: '0.0.0.0', localPort: 2024, state: 'listen' });
    expect(sockets[9]).toMatchObject({ remotePort: 4369, state: 'time-wait', inode: 0 });
    expect(sockets[10]).toMatchObject({
      localPort: 60394,
      remoteAddress: '127.0.0.1',
      remotePort: 4369,
      state: 'established',
    });
  });

  it('decodes IPv6 words, the unspecified address and IPv4-mapped addresses', () => {
    const sockets = parseProcNet(fixture('proc-net-tcp6.txt'), 'tcp');
    expect(sockets[0]).toMatchObject({ localAddress: '::1', localPort: 4369, state: 'listen' });
    expect(sockets[2]).toMatchObject({ localAddress: '::', localPort: 46667 });
    expect(sockets[3]).toMatchObject({
      localAddress: '::ffff:127.0.0.1',
      remoteAddress: '::ffff:127.0.0.1',
      remotePort: 58274,
      state: 'established',
    });
  });

  it('treats unconnected UDP sockets as listeners', () => {
    const sockets = parseProcNet(fixture('proc-net-udp.txt'), 'udp');
    expect(sockets.length).toBeGreaterThan(0);
    for (const s of sockets) expect(s.state).toBe(s.remotePort === 0 ? 'listen' : 'established');
  });

  it('skips malformed lines instead of failing', () => {
    expect(parseProcNet('header\ngarbage line\n  1: zz\n', 'tcp')).toEqual([]);
  });
});
