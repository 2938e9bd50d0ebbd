import { describe, expect, it } from 'vitest';
import { parseFileVersionInfo } from '../../../../agent/inventory/parsers/parse-file-version-info.ts';
import { parsePowerShellJson } from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import { fixture } from './fixture.ts';

const read = (name: string) => parseFileVersionInfo(parsePowerShellJson(fixture('win32', name)));

describe('parseFileVersionInfo', () => {
  const facts = read('powershell-file-info.json');

  it('reads the version resource and Authenticode signer of IM clients', () => {
    expect(facts.get('C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe')).toEqual({
      fileInfo: {
        productName: 'Telegram Desktop',
        companyName: 'Telegram FZ-LLC',
        fileDescription: 'Telegram Desktop',
        originalFilename: 'Telegram.exe',
      },
      signer: 'Telegram FZ-LLC',
    });
    expect(facts.get('C:\\Users\\alice\\AppData\\Local\\slack\\app-4.41.105\\slack.exe')?.signer).toBe(
      'Slack Technologies, LLC',
    );
    expect(facts.get('C:\\Users\\José\\AppData\\Local\\Programs\\signal-desktop\\Signal.exe')).toMatchObject({
      fileInfo: { companyName: 'Signal Messenger, LLC', originalFilename: 'Signal.exe' },
      signer: 'Signal Messenger, LLC',
    });
    expect(
      facts.get(
        'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe',
      )?.fileInfo?.originalFilename,
    ).toBe('ms-teams.exe');
  });

  it('keeps non-ASCII product names of catalog-signed system files', () => {
    expect(facts.get('C:\\WINDOWS\\system32\\svchost.exe')).toEqual({
      fileInfo: {
        productName: 'Microsoft® Windows® Operating System',
        companyName: 'Microsoft Corporation',
        fileDescription: 'Host Process for Windows Services',
        originalFilename: 'svchost.exe.mui',
      },
      signer: 'Microsoft Windows Publisher',
    });
  });

  it('trims padded values and treats empty ones as unknown; unsigned files have no signer', () => {
    expect(facts.get('C:\\Program Files\\UnrealIRCd 6\\bin\\unrealircd.exe')).toEqual({
      fileInfo: {
        productName: 'UnrealIRCd',
        companyName: undefined,
        fileDescription: 'UnrealIRCd - Internet Relay Chat Daemon',
        originalFilename: 'unrealircd.exe',
      },
      signer: undefined,
    });
  });

  it('ignores the signer a tampered file claims, keeps the one of an untrusted root', () => {
    expect(facts.get("C:\\Users\\alice\\Downloads\\o'reilly-chat.exe")).toEqual({
      fileInfo: undefined,
      signer: undefined,
    });
    expect(facts.get('C:\\Tools\\selfsigned-bot.exe')).toMatchObject({
      fileInfo: { fileDescription: undefined },
      signer: 'Example Lab Code Signing',
    });
  });

  it('skips rows without a path', () => {
    expect(facts.size).toBe(8);
  });

  it('reads the single-object output for one file', () => {
    expect([...read('powershell-file-info-single.json').keys()]).toEqual([
      'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe',
    ]);
  });
});
