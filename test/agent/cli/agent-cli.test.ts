import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanResultSchema } from '../../../shared/index.ts';

const bin = join(import.meta.dirname, '../../../agent/bin/imscout-agent.ts');
const example = join(import.meta.dirname, '../../fixtures/snapshots/contract-example-windows.json');
const tmp = mkdtempSync(join(tmpdir(), 'imscout-cli-'));

function agent(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeSnapshot(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('imscout-agent', () => {
  it('prints its version alone', () => {
    const { code, stdout } = agent('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')).version,
    );
  });

  it('scans a Windows snapshot on this Linux machine into one valid scan document', () => {
    const { code, stdout, stderr } = agent('scan', '--snapshot', example, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = scanResultSchema.parse(JSON.parse(stdout));
    expect(result.device).toEqual({ hostname: 'WS-0142', os: 'windows' });
    const byClient = new Map(result.findings.map((f) => [f.client, f]));
    // The unknown program listening on 6667 is an IRC finding of its own.
    expect(byClient.get('irc-protocol')?.evidence[0]).toMatchObject({
      kind: 'listening-port',
      pid: 5120,
      port: 6667,
    });
  });

  it('prints a readable table without --json', () => {
    const { code, stdout } = agent('scan', '--snapshot', example);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^WS-0142 \(windows\), catalog /);
    expect(stdout).toMatch(/CLIENT\s+NAME\s+CONFIDENCE/);
  });

  it.each([
    ['not JSON', '{"schema":', /not valid JSON/],
    [
      'a wrong type deep inside',
      {
        ...JSON.parse(readFileSync(example, 'utf8')),
        processes: [
          { pid: 1, name: 'a' },
          { pid: 2, name: 'b' },
          { pid: 3, name: 'c' },
          { pid: '4', name: 'd' },
        ],
      },
      /^imscout-agent: processes\[3\]\.pid: expected a number, got a string\n$/,
    ],
    [
      'an unknown OS',
      {
        schema: 'imscout.inventory/v1',
        collectedAt: '2026-11-22T10:00:00Z',
        device: { hostname: 'h', os: 'beos' },
      },
      /device\.os: /,
    ],
    [
      'a missing device',
      { schema: 'imscout.inventory/v1', collectedAt: '2026-11-22T10:00:00Z' },
      /device: expected an object, got nothing/,
    ],
    [
      'another schema',
      {
        schema: 'imscout.inventory/v9',
        collectedAt: '2026-11-22T10:00:00Z',
        device: { hostname: 'h', os: 'linux' },
      },
      /^imscout-agent: schema: /,
    ],
  ])('refuses a snapshot with %s: exit 2 and one line naming the field', (_what, content, message) => {
    const { code, stdout, stderr } = agent(
      'scan',
      '--snapshot',
      writeSnapshot(`bad-${_what}.json`, content),
      '--json',
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a missing file, an unknown command and an unknown flag with exit 2', () => {
    expect(agent('scan', '--snapshot', join(tmp, 'absent.json')).code).toBe(2);
    expect(agent('frobnicate').code).toBe(2);
    expect(agent('scan', '--jsonn').code).toBe(2);
  });

  it('lists the catalog with its version', () => {
    const { code, stdout } = agent('catalog', '--json');
    expect(code).toBe(0);
    const catalog = JSON.parse(stdout) as { version: string; clients: { id: string; platforms: string[] }[] };
    expect(catalog.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(catalog.clients.map((c) => c.id)).toContain('irc-protocol');
    for (const c of catalog.clients)
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'name', 'vendor', 'category', 'platforms']),
      );
  });
});
