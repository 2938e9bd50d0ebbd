import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '../../scripts/check-layers.ts');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'imscout-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

describe('check-layers', () => {
  it('accepts the allowed directions', () => {
    const dir = tree({
      'shared/index.ts': "export * from './a.ts';\n",
      'shared/a.ts': 'export const a = 1;\n',
      'agent/x.ts': "import { a } from '../shared/index.ts';\nimport { readFile } from 'node:fs';\n",
    });
    expect(check(dir).status).toBe(0);
  });

  it.each([
    ['shared/a.ts', "import { readFile } from 'node:fs';\n", 'shared/ uses no Node API'],
    ['shared/a.ts', "import { x } from '../agent/x.ts';\n", 'shared/ imports nothing outside shared/'],
    ['agent/y.ts', "import { c } from '../collector/c.ts';\n", 'agent/ never imports collector/'],
    ['agent/y.ts', "import { a } from '../shared/a.ts';\n", 'import shared/ through shared/index.ts'],
  ])('rejects %s importing across a line', (file, text, message) => {
    const dir = tree({
      'shared/index.ts': '',
      'shared/a.ts': '',
      'agent/x.ts': '',
      'collector/c.ts': '',
      [file]: text,
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });
});
