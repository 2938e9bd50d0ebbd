import { describe, expect, it } from 'vitest';
import { parseLsof } from '../../../../agent/inventory/parsers/parse-lsof.ts';
import { fixture } from './fixture.ts';

describe('parseLsof', () => {
  const { listening, connections } = parseLsof(fixture('darwin', 'lsof-inet-field.txt'));

  it('lists TCP listeners and unconnected bound UDP sockets, wildcards as the family unspecified address', () => {
    expect(listening).toEqual([
      { protocol: 'tcp', address: '::', port: 22, pid: 1 },
      { protocol: 'tcp', address: '0.0.0.0', port: 22, pid: 1 },
      { protocol: 'udp', address: '0.0.0.0', port: 5353, pid: 355 },
      { protocol: 'udp', address: '::', port: 5353, pid: 355 },
      { protocol: 'tcp', address: '0.0.0.0', port: 49152, pid: 512 },
      { protocol: 'tcp', address: '::', port: 49152, pid: 512 },
      { protocol: 'tcp', address: '0.0.0.0', port: 7000, pid: 601 },
      { protocol: 'tcp', address: '::', port: 7000, pid: 601 },
      { protocol: 'tcp', address: '0.0.0.0', port: 5000, pid: 601 },
      { protocol: 'udp', address: '192.168.1.23', port: 50021, pid: 2820 },
      { protocol: 'tcp', address: '127.0.0.1', port: 6697, pid: 4010 },
      { protocol: 'tcp', address: '::', port: 3000, pid: 4388 },
    ]);
  });

  it('lists established and connecting TCP, and connected UDP, with their pid', () => {
    expect(connections).toHaveLength(13);
    expect(connections[2]).toEqual({
      protocol: 'tcp',
      localAddress: '192.168.1.23',
      localPort: 52311,
      remoteAddress: '149.154.167.51',
      remotePort: 443,
      state: 'established',
      pid: 1843,
    });
    expect(
      connections
        .filter((c) => c.pid === 1843)
        .map((c) => [c.protocol, c.remoteAddress, c.remotePort, c.state]),
    ).toEqual([
      ['tcp', '149.154.167.51', 443, 'established'],
      ['tcp', '149.154.175.50', 443, 'established'],
      ['tcp', '2001:67c:4e8:f004::a', 443, 'established'],
      ['tcp', '91.108.56.130', 443, 'syn-sent'],
      ['udp', '149.154.167.91', 599, undefined],
    ]);
    expect(connections.find((c) => c.pid === 1843 && c.localAddress?.includes(':'))?.localAddress).toBe(
      '2a02:8109:b6c0:3e00:1c4a:9e5b:b2d1:7a10',
    );
  });

  it('keeps link-local IPv6 peers as lsof prints them', () => {
    expect(connections[0]).toEqual({
      protocol: 'tcp',
      localAddress: 'fe80:11::8d3:41ff:fe2b:77c1',
      localPort: 49152,
      remoteAddress: 'fe80:11::1c52:3aff:fe90:5e01',
      remotePort: 58243,
      state: 'established',
      pid: 512,
    });
  });

  it('attributes helper-process sockets to the helper (Slack Helper, Signal Helper, MSTeams)', () => {
    expect(connections.filter((c) => c.pid === 2210).map((c) => c.remoteAddress)).toEqual([
      '3.122.181.66',
      '54.192.151.47',
    ]);
    expect(connections.filter((c) => c.pid === 2455).map((c) => c.remoteAddress)).toEqual(['76.223.92.165']);
    expect(connections.filter((c) => c.pid === 2820)).toEqual([
      {
        protocol: 'tcp',
        localAddress: '192.168.1.23',
        localPort: 52610,
        remoteAddress: '52.113.194.132',
        remotePort: 443,
        state: 'established',
        pid: 2820,
      },
      {
        protocol: 'udp',
        localAddress: '192.168.1.23',
        localPort: 50020,
        remoteAddress: '52.115.127.70',
        remotePort: 3478,
        state: undefined,
        pid: 2820,
      },
    ]);
  });

  it('skips CLOSE_WAIT, TIME_WAIT, unbound UDP and sockets without a protocol control block', () => {
    expect(connections.some((c) => c.remoteAddress === '18.66.102.21')).toBe(false);
    expect(connections.some((c) => c.pid === 4388)).toBe(false);
    expect([...listening, ...connections].some((s) => s.pid === 2190)).toBe(false);
  });

  it('reports a socket held by two descriptors of one process once', () => {
    expect(listening.filter((l) => l.pid === 601 && l.port === 7000 && l.address === '0.0.0.0')).toHaveLength(
      1,
    );
  });

  it('reads lsof 4.94+ output, which omits the f field unless asked, by starting a file at each repeated field', () => {
    const modern =
      'p2204\ncredis-server\ntIPv4\nPTCP\nn127.0.0.1:6379\nTST=LISTEN\nTQR=0\nTQS=0\ntIPv6\nPTCP\nn[::1]:6379\nTST=LISTEN\n';
    expect(parseLsof(modern).listening).toEqual([
      { protocol: 'tcp', address: '127.0.0.1', port: 6379, pid: 2204 },
      { protocol: 'tcp', address: '::1', port: 6379, pid: 2204 },
    ]);
  });

  it('skips malformed lines and names, and CRLF endings do not matter', () => {
    const text =
      'garbage\r\np12\r\ncfoo\r\nf3\r\ntIPv4\r\nPTCP\r\nn10.0.0.1:99999x\r\nTST=LISTEN\r\nf4\r\nPTCP\r\nn1.2.3.4:5->\r\nTST=ESTABLISHED\r\nf5\r\nPTCP\r\nn1.2.3.4:5\r\nTST=LISTEN\r\n';
    expect(parseLsof(text)).toEqual({
      listening: [{ protocol: 'tcp', address: '1.2.3.4', port: 5, pid: 12 }],
      connections: [],
    });
    expect(parseLsof('')).toEqual({ listening: [], connections: [] });
  });
});
