import { describe, expect, it } from 'vitest';
import {
  compilePathPattern,
  isAnchoredPattern,
  normalizePath,
} from '../../../shared/matcher/path-pattern.ts';

const matches = (os: 'windows' | 'macos' | 'linux', pattern: string, path: string) =>
  compilePathPattern(os, pattern).test(normalizePath(os, path));

describe('path patterns', () => {
  it('expand per-user placeholders for every user and any drive', () => {
    expect(
      matches(
        'windows',
        '%LOCALAPPDATA%\\Discord\\app-*\\Discord.exe',
        'C:\\Users\\alice\\AppData\\Local\\Discord\\app-1.0.9\\Discord.exe',
      ),
    ).toBe(true);
    expect(
      matches(
        'windows',
        '%LOCALAPPDATA%\\Discord\\app-*\\Discord.exe',
        'E:\\Users\\bob\\AppData\\Local\\Discord\\app-1.0.9\\Discord.exe',
      ),
    ).toBe(true);
    expect(
      matches(
        'windows',
        '%PROGRAMFILES%\\Zoom\\bin\\Zoom.exe',
        'C:\\Program Files (x86)\\Zoom\\bin\\Zoom.exe',
      ),
    ).toBe(true);
    expect(matches('linux', '~/.local/share/x/x', '/home/carol/.local/share/x/x')).toBe(true);
    expect(matches('linux', '~/.local/share/x/x', '/root/.local/share/x/x')).toBe(true);
    expect(
      matches(
        'macos',
        '~/Applications/Signal.app/Contents/MacOS/Signal',
        '/Users/dan/Applications/Signal.app/Contents/MacOS/Signal',
      ),
    ).toBe(true);
  });

  it('keep * inside one folder and let **/ cross folders', () => {
    expect(
      matches(
        'windows',
        '%LOCALAPPDATA%\\Discord\\app-*\\Discord.exe',
        'C:\\Users\\a\\AppData\\Local\\Discord\\x\\app-1\\Discord.exe',
      ),
    ).toBe(false);
    expect(matches('linux', '/opt/**/signal-desktop', '/opt/Signal/sub/signal-desktop')).toBe(true);
    expect(matches('linux', '/opt/**/signal-desktop', '/opt/signal-desktop')).toBe(true);
  });

  it('follow each OS’s case rules', () => {
    expect(
      matches(
        'windows',
        '%APPDATA%\\Telegram Desktop\\Telegram.exe',
        'c:\\users\\A\\appdata\\roaming\\telegram desktop\\TELEGRAM.EXE',
      ),
    ).toBe(true);
    expect(matches('linux', '/usr/bin/irssi', '/usr/bin/Irssi')).toBe(false);
  });

  it('treat regular-expression characters literally', () => {
    expect(matches('linux', '/opt/a+b/chat', '/opt/aab/chat')).toBe(false);
    expect(matches('linux', '/opt/a+b/chat', '/opt/a+b/chat')).toBe(true);
  });

  it('are anchored only at a drive, "/" or a placeholder', () => {
    expect(isAnchoredPattern('linux', '~/.local/bin/x')).toBe(true);
    expect(isAnchoredPattern('linux', 'bin/x')).toBe(false);
    expect(isAnchoredPattern('windows', '%APPDATA%\\x\\x.exe')).toBe(true);
    expect(isAnchoredPattern('windows', 'x\\x.exe')).toBe(false);
  });
});
