import { describe, expect, it } from 'vitest';
import { parsePowerShellJson } from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import {
  accountName,
  parseWin32Processes,
} from '../../../../agent/inventory/parsers/parse-win32-processes.ts';
import { fixture } from './fixture.ts';

const read = (name: string) => parseWin32Processes(parsePowerShellJson(fixture('win32', name)));

describe('parseWin32Processes', () => {
  const details = read('powershell-processes.json');

  it('reads path, command line and owner of a process with spaces in its path (Telegram)', () => {
    expect(details.get(4242)).toEqual({
      pid: 4242,
      ppid: 900,
      name: 'Telegram.exe',
      path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe',
      cmd: '"C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe" -autostart',
      user: 'alice',
    });
  });

  it('keeps Electron helpers apart, and non-ASCII paths and Entra ID owners', () => {
    expect(details.get(7710)?.cmd).toContain('--utility-sub-type=network.mojom.NetworkService');
    expect(details.get(8120)).toMatchObject({
      path: 'C:\\Users\\José\\AppData\\Local\\Programs\\signal-desktop\\Signal.exe',
      user: 'JoséMartínez',
    });
    expect(details.get(9304)?.cmd).toBe(
      '"C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe" "msteams:/l/meetup-join/19:meeting_NjA2@thread.v2/0?context={"Tid":"72f988bf","Oid":"d1c3"}&anon=true&deeplinkId=a1b2"',
    );
  });

  it('reads protected processes, whose path WMI withholds, as unknown path; service accounts by name', () => {
    expect(details.get(4)).toEqual({
      pid: 4,
      ppid: 0,
      name: 'System',
      path: undefined,
      cmd: undefined,
      user: 'SYSTEM',
    });
    expect(details.get(0)?.user).toBeUndefined();
    expect(details.get(1052)?.user).toBe('NETWORK SERVICE');
  });

  it('treats empty command lines and owners as unknown, and skips rows without a pid', () => {
    expect(details.get(6120)).toMatchObject({ name: "o'reilly-chat.exe", cmd: undefined, user: undefined });
    expect(details.size).toBe(13);
  });

  it('reads the single-object output of a one-process pipeline', () => {
    expect([...read('powershell-processes-single.json').keys()]).toEqual([4242]);
  });
});

describe('accountName', () => {
  it('drops the domain', () => {
    expect(accountName('WS-0142\\alice')).toBe('alice');
    expect(accountName('NT AUTHORITY\\LOCAL SERVICE')).toBe('LOCAL SERVICE');
    expect(accountName('bob')).toBe('bob');
    expect(accountName('DOMAIN\\')).toBeUndefined();
    expect(accountName(undefined)).toBeUndefined();
  });
});
