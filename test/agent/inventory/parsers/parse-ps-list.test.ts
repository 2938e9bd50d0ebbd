import { describe, expect, it } from 'vitest';
import {
  fromPsListDarwin,
  fromPsListWindows,
  type PsListEntry,
} from '../../../../agent/inventory/parsers/parse-ps-list.ts';
import { fixture } from './fixture.ts';

const recorded = (os: 'darwin' | 'win32') => JSON.parse(fixture(os, `ps-list-${os}.json`)) as PsListEntry[];

describe('fromPsListDarwin', () => {
  const records = fromPsListDarwin(recorded('darwin'));
  const byPid = new Map(records.map((r) => [r.pid, r]));

  it('keeps pid, ppid, name, path, command line and uid of a recorded ps-list result', () => {
    expect(byPid.get(1843)).toEqual({
      pid: 1843,
      ppid: 1,
      name: 'Telegram',
      path: '/Applications/Telegram.app/Contents/MacOS/Telegram',
      cmd: '/Applications/Telegram.app/Contents/MacOS/Telegram',
      uid: 501,
    });
    expect(byPid.get(1)).toMatchObject({ ppid: 0, name: 'launchd', uid: 0 });
  });

  it('keeps helper names and paths with spaces and parentheses', () => {
    expect(byPid.get(2231)).toMatchObject({
      ppid: 2190,
      name: 'Slack Helper (Renderer)',
      path: '/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app/Contents/MacOS/Slack Helper (Renderer)',
    });
    expect(byPid.get(2231)?.cmd).toContain(
      '--type=renderer --user-data-dir=/Users/alice/Library/Application Support/Slack',
    );
    expect(byPid.get(2820)).toMatchObject({
      name: 'MSTeams',
      path: '/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams',
    });
  });

  it('takes the path from comm when ps-list gave up on a path with many spaces', () => {
    const helper = byPid.get(2861);
    expect(helper?.name).toBe('Microsoft Teams WebView Helper (Renderer)');
    expect(helper?.path).toBe(
      '/Applications/Microsoft Teams.app/Contents/Helpers/Microsoft Teams WebView.app/Contents/Frameworks/Microsoft Edge Framework.framework/Versions/130.0.2849.80/Helpers/Microsoft Teams WebView Helper (Renderer).app/Contents/MacOS/Microsoft Teams WebView Helper (Renderer)',
    );
  });

  it('turns ps-list empty strings into unknown, and keeps non-ASCII paths', () => {
    expect(byPid.get(3001)).toEqual({
      pid: 3001,
      ppid: 2999,
      name: '-zsh',
      path: undefined,
      cmd: '-zsh',
      uid: 501,
    });
    expect(byPid.get(3377)?.path).toBe('/Users/carol/Downloads/Телеграм.app/Contents/MacOS/Telegram');
  });

  it('skips entries without a name', () => {
    expect(byPid.has(0)).toBe(false);
    expect(records).toHaveLength(15);
  });
});

describe('fromPsListWindows', () => {
  const records = fromPsListWindows(recorded('win32'));

  it('keeps pid, ppid and image name from fastlist, nothing else', () => {
    expect(records[0]).toEqual({ pid: 0, ppid: 0, name: '[System Process]' });
    expect(records.find((r) => r.pid === 4242)).toEqual({ pid: 4242, ppid: 900, name: 'Telegram.exe' });
    expect(records.filter((r) => r.name === 'slack.exe').map((r) => r.pid)).toEqual([7700, 7710]);
  });

  it('skips entries without a pid or name', () => {
    expect(records).toHaveLength(13);
  });
});
