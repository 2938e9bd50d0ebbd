import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetstatWindows } from '../../../../agent/inventory/parsers/parse-netstat-windows.ts';
import { fixture } from './fixture.ts';

describe('parseNetstatWindows', () => {
  const { listening, connections } = parseNetstatWindows(fixture('win32', 'netstat-ano.txt'));

  it('lists TCP LISTENING rows, IPv4 and bracketed IPv6', () => {
    expect(listening.filter((l) => l.protocol === 'tcp')).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 135, pid: 1052 },
      { protocol: 'tcp', address: '0.0.0.0', port: 445, pid: 4 },
      { protocol: 'tcp', address: '0.0.0.0', port: 5040, pid: 6312 },
      { protocol: 'tcp', address: '0.0.0.0', port: 6667, pid: 5120 },
      { protocol: 'tcp', address: '0.0.0.0', port: 49664, pid: 812 },
      { protocol: 'tcp', address: '0.0.0.0', port: 49665, pid: 676 },
      { protocol: 'tcp', address: '10.0.0.5', port: 139, pid: 4 },
      { protocol: 'tcp', address: '127.0.0.1', port: 6463, pid: 8800 },
      { protocol: 'tcp', address: '::', port: 135, pid: 1052 },
      { protocol: 'tcp', address: '::', port: 445, pid: 4 },
      { protocol: 'tcp', address: '::', port: 49664, pid: 812 },
      { protocol: 'tcp', address: '::1', port: 49669, pid: 4410 },
    ]);
  });

  it('counts UDP rows, which have a blank state and a *:* peer, as listening; zone ids are dropped', () => {
    expect(listening.filter((l) => l.protocol === 'udp')).toEqual([
      { protocol: 'udp', address: '0.0.0.0', port: 5050, pid: 6312 },
      { protocol: 'udp', address: '0.0.0.0', port: 5353, pid: 2188 },
      { protocol: 'udp', address: '0.0.0.0', port: 5355, pid: 2188 },
      { protocol: 'udp', address: '10.0.0.5', port: 137, pid: 4 },
      { protocol: 'udp', address: '10.0.0.5', port: 50020, pid: 9304 },
      { protocol: 'udp', address: '127.0.0.1', port: 1900, pid: 3344 },
      { protocol: 'udp', address: '::', port: 5353, pid: 2188 },
      { protocol: 'udp', address: '::1', port: 1900, pid: 3344 },
      { protocol: 'udp', address: 'fe80::9d1e:3c2b:a1f0:4e21', port: 1900, pid: 3344 },
    ]);
  });

  it('lists ESTABLISHED and SYN_SENT connections with their pid, and nothing in other states', () => {
    expect(connections).toHaveLength(9);
    expect(connections[0]).toEqual({
      protocol: 'tcp',
      localAddress: '10.0.0.5',
      localPort: 51544,
      remoteAddress: '149.154.167.51',
      remotePort: 443,
      state: 'established',
      pid: 4242,
    });
    expect(connections.find((c) => c.state === 'syn-sent')).toMatchObject({
      remoteAddress: '91.108.56.130',
      pid: 4242,
    });
    expect(connections.at(-1)).toEqual({
      protocol: 'tcp',
      localAddress: '2a02:8109:b6c0:3e00:9d1e:3c2b:a1f0:4e21',
      localPort: 51660,
      remoteAddress: '2001:67c:4e8:f004::a',
      remotePort: 443,
      state: 'established',
      pid: 4242,
    });
    expect(connections.map((c) => c.pid)).toEqual([4242, 4242, 7710, 8120, 9304, 4242, 5120, 5120, 4242]);
    expect(
      connections.some((c) => c.remoteAddress === '52.96.165.18' || c.remoteAddress === '20.42.65.92'),
    ).toBe(false);
  });

  it('classifies German rows by shape: no peer is a listener, a peer a connection of unknown state', () => {
    // netstat writes in the OEM code page; the provider decodes UTF-8, so "ABHÖREN" arrives mangled.
    const text = readFileSync(
      new URL('../../../fixtures/win32/netstat-ano-de-cp850.txt', import.meta.url),
      'utf8',
    );
    const de = parseNetstatWindows(text);
    expect(de.listening).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 135, pid: 1060 },
      { protocol: 'tcp', address: '0.0.0.0', port: 445, pid: 4 },
      { protocol: 'tcp', address: '::', port: 135, pid: 1060 },
      { protocol: 'udp', address: '0.0.0.0', port: 5353, pid: 2240 },
    ]);
    // HERGESTELLT (ESTABLISHED) and WARTEND (TIME_WAIT, no owner) are both kept, neither with a state.
    expect(de.connections).toEqual([
      {
        protocol: 'tcp',
        localAddress: '192.168.178.20',
        localPort: 50312,
        remoteAddress: '149.154.167.51',
        remotePort: 443,
        pid: 7312,
      },
      {
        protocol: 'tcp',
        localAddress: '192.168.178.20',
        localPort: 50315,
        remoteAddress: '52.113.194.132',
        remotePort: 443,
        pid: undefined,
      },
    ]);
    expect(de.connections.every((c) => c.state === undefined)).toBe(true);
  });

  it('reads state words of several words, and never takes an English closing state for a connection', () => {
    const text = [
      '  TCP    10.0.0.5:50001         1.1.1.1:443            TOT STAND GEBRACHT   812',
      '  TCP    0.0.0.0:7000           0.0.0.0:0              EN ÉCOUTE            900',
      '  TCP    10.0.0.5:50002         1.1.1.1:443            FIN_WAIT_2           812',
      '  TCP    0.0.0.0:7001           0.0.0.0:0              CLOSED               900',
      '  TCP    10.0.0.5:50003         0.0.0.0:0              ESTABLISHED          812',
    ].join('\r\n');
    expect(parseNetstatWindows(text)).toEqual({
      listening: [{ protocol: 'tcp', address: '0.0.0.0', port: 7000, pid: 900 }],
      connections: [
        {
          protocol: 'tcp',
          localAddress: '10.0.0.5',
          localPort: 50001,
          remoteAddress: '1.1.1.1',
          remotePort: 443,
          state: undefined,
          pid: 812,
        },
      ],
    });
  });

  it('skips headers, malformed rows, out-of-range ports and reports pid 0 as unknown', () => {
    const text = [
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING',
      '  TCP    0.0.0.0:99999          0.0.0.0:0              LISTENING       4',
      '  TCP    garbage                0.0.0.0:0              LISTENING       4',
      '  UDP    0.0.0.0:500            *:*                                    x',
      '  TCP    10.0.0.5:50000         1.1.1.1:443            ESTABLISHED     0',
      '  [svchost.exe]',
    ].join('\r\n');
    expect(parseNetstatWindows(text)).toEqual({
      listening: [],
      connections: [
        {
          protocol: 'tcp',
          localAddress: '10.0.0.5',
          localPort: 50000,
          remoteAddress: '1.1.1.1',
          remotePort: 443,
          state: 'established',
          pid: undefined,
        },
      ],
    });
  });
});
