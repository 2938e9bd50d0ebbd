import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cleanExeLink,
  flatpakIdFromCgroup,
  parsePasswd,
  parseProcCmdline,
  parseProcStat,
  snapNameFromPath,
} from '../../../../agent/inventory/parsers/parse-proc.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/linux/${name}`, import.meta.url), 'latin1');

describe('/proc parsers', () => {
  it('read comm and ppid from a real stat line', () => {
    expect(parseProcStat(fixture('proc-stat-self.txt'))).toEqual({ comm: 'cat', ppid: 13183 });
  });

  it('keep spaces and parentheses inside comm', () => {
    expect(parseProcStat(fixture('proc-stat-parens.txt'))).toEqual({ comm: 'tmux: server', ppid: 1 });
    expect(parseProcStat('12 (a) b) (c) S 7 12')).toEqual({ comm: 'a) b) (c', ppid: 7 });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('join NUL-separated arguments, quoting the ones with spaces', () => {
    expect(parseProcCmdline('python3\0/usr/bin/gajim\0')).toBe('python3 /usr/bin/gajim');
    expect(parseProcCmdline('/opt/My App/app\0--flag\0')).toBe('"/opt/My App/app" --flag');
    // Electron rewrites its title into one string: left as it is.
    expect(parseProcCmdline('/usr/lib/slack/slack --type=renderer')).toBe(
      '/usr/lib/slack/slack --type=renderer',
    );
    expect(parseProcCmdline('')).toBeUndefined();
  });

  it('read accounts from passwd', () => {
    const entries = parsePasswd(
      'root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh\nbad line\n',
    );
    expect(entries).toEqual([
      { name: 'root', uid: 0, home: '/root', shell: '/bin/bash' },
      { name: 'alice', uid: 1000, home: '/home/alice', shell: '/bin/zsh' },
    ]);
  });

  it('recognise deleted executables, flatpak cgroups and snap paths', () => {
    expect(cleanExeLink('/usr/bin/hexchat (deleted)')).toBe('/usr/bin/hexchat');
    expect(
      flatpakIdFromCgroup(
        '0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-flatpak-org.telegram.desktop-24781.scope\n',
      ),
    ).toBe('org.telegram.desktop');
    expect(flatpakIdFromCgroup('0::/user.slice/user-1000.slice/session-2.scope\n')).toBeUndefined();
    expect(snapNameFromPath('/snap/signal-desktop/612/opt/Signal/signal-desktop')).toBe('signal-desktop');
    expect(snapNameFromPath('/usr/bin/snap')).toBeUndefined();
  });
});
