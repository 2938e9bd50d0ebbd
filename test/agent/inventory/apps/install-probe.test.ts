import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeInstallPaths } from '../../../../agent/inventory/apps/install-probe.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function touch(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
}

describe('probeInstallPaths', () => {
  it('finds catalog executables on disk through wildcards and alternatives', async () => {
    const root = mkdtempSync(join(tmpdir(), 'imscout-probe-'));
    made.push(root);
    touch(join(root, 'Users/alice/AppData/Local/Chatter/app-1.2.3/Chatter.exe'));
    touch(join(root, 'Users/bob/AppData/Local/Chatter/app-2.0.0/Chatter.exe'));
    touch(join(root, 'opt/chat-beta/chat'));
    touch(join(root, 'Users/alice/AppData/Local/Other/app-1/Chatter.exe.bak'));
    const { items, warnings } = await probeInstallPaths('linux', [
      `${root}/Users/*/AppData/Local/Chatter/app-*/Chatter.exe`,
      `${root}/opt/{chat,chat-beta}/chat`,
      `${root}/nowhere/**/chat`,
    ]);
    expect(warnings).toEqual([]);
    expect(items.map((a) => a.path).sort()).toEqual([
      join(root, 'Users/alice/AppData/Local/Chatter/app-1.2.3/Chatter.exe'),
      join(root, 'Users/bob/AppData/Local/Chatter/app-2.0.0/Chatter.exe'),
      join(root, 'opt/chat-beta/chat'),
    ]);
    for (const app of items) expect(app).toMatchObject({ source: 'user-profile-scan' });
    expect(items.find((a) => a.name === 'chat')).toMatchObject({ name: 'chat' });
  });

  it('names the account whose home holds the file', async () => {
    const home = mkdtempSync('/home/imscout-probe-');
    made.push(home);
    touch(join(home, '.local/share/chatter/chatter'));
    const user = home.slice('/home/'.length);
    const { items } = await probeInstallPaths('linux', [`${home}/.local/share/chatter/chatter`]);
    expect(items).toEqual([
      {
        name: 'chatter',
        path: join(home, '.local/share/chatter/chatter'),
        source: 'user-profile-scan',
        user,
      },
    ]);
  });
});
