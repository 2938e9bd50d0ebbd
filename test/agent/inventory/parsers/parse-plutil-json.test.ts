import { describe, expect, it } from 'vitest';
import { parsePlutilJson } from '../../../../agent/inventory/parsers/parse-plutil-json.ts';
import { fixture } from './fixture.ts';

const read = (name: string) => parsePlutilJson(fixture('darwin', name));

describe('parsePlutilJson', () => {
  it('reads an App Store app without CFBundleDisplayName (Telegram)', () => {
    expect(read('plutil-json-telegram.json')).toEqual({
      bundleId: 'ru.keepcoder.Telegram',
      name: 'Telegram',
      version: '11.3',
      executable: 'Telegram',
    });
  });

  it('reads an Electron app and its helper bundle (Slack), names with spaces and parentheses', () => {
    expect(read('plutil-json-slack.json')).toEqual({
      bundleId: 'com.tinyspeck.slackmacgap',
      name: 'Slack',
      version: '4.41.105',
      executable: 'Slack',
    });
    expect(read('plutil-json-slack-helper-renderer.json')).toEqual({
      bundleId: 'com.tinyspeck.slackmacgap.helper.Renderer',
      name: 'Slack Helper (Renderer)',
      version: '4.41.105',
      executable: 'Slack Helper (Renderer)',
    });
  });

  it('reads Signal and Teams, falling back to CFBundleName when there is no display name', () => {
    expect(read('plutil-json-signal.json')).toMatchObject({
      bundleId: 'org.whispersystems.signal-desktop',
      name: 'Signal',
      version: '7.33.0',
    });
    expect(read('plutil-json-teams.json')).toEqual({
      bundleId: 'com.microsoft.teams2',
      name: 'Microsoft Teams',
      version: '24295.606.3238.6194',
      executable: 'MSTeams',
    });
  });

  it('keeps a non-ASCII display name', () => {
    expect(read('plutil-json-wechat.json')).toMatchObject({
      name: '微信',
      bundleId: 'com.tencent.xinWeChat',
      version: '4.0.1',
    });
  });

  it('treats an empty display name and a missing short version as unknown', () => {
    expect(read('plutil-json-applet.json')).toEqual({
      bundleId: 'com.apple.ScriptEditor.id.Chat-Log-Backup',
      name: 'Chat Log Backup',
      version: undefined,
      executable: 'applet',
    });
  });

  it('ignores keys of the wrong type', () => {
    expect(
      parsePlutilJson('{"CFBundleIdentifier":42,"CFBundleName":["x"],"CFBundleShortVersionString":"1.0"}'),
    ).toEqual({
      bundleId: undefined,
      name: undefined,
      version: '1.0',
      executable: undefined,
    });
  });

  it('returns undefined for a plist whose root is not a dictionary, and throws on plutil error text', () => {
    expect(parsePlutilJson('["a","b"]')).toBeUndefined();
    expect(() => parsePlutilJson('Info.plist: invalid object in plist for destination format')).toThrow(
      SyntaxError,
    );
  });
});
