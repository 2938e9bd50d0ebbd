import { describe, expect, it } from 'vitest';
import { bundleFolderName, enclosingAppBundle } from '../../../../agent/inventory/parsers/app-bundle-path.ts';

describe('enclosingAppBundle', () => {
  it('finds the app of a main executable', () => {
    expect(enclosingAppBundle('/Applications/Telegram.app/Contents/MacOS/Telegram')).toBe(
      '/Applications/Telegram.app',
    );
  });

  it('finds the innermost bundle of a helper, with spaces and parentheses', () => {
    expect(
      enclosingAppBundle(
        '/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app/Contents/MacOS/Slack Helper (Renderer)',
      ),
    ).toBe('/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app');
  });

  it('handles non-ASCII bundle names', () => {
    expect(enclosingAppBundle('/Users/carol/Downloads/Телеграм.app/Contents/MacOS/Telegram')).toBe(
      '/Users/carol/Downloads/Телеграм.app',
    );
  });

  it('returns undefined outside a bundle, and for names that merely contain .app', () => {
    expect(enclosingAppBundle('/opt/homebrew/bin/znc')).toBeUndefined();
    expect(enclosingAppBundle('/usr/local/my.apps/bin/tool')).toBeUndefined();
    expect(enclosingAppBundle('/Applications/.app/x')).toBeUndefined();
    expect(enclosingAppBundle('Telegram.app')).toBeUndefined();
  });
});

describe('bundleFolderName', () => {
  it('is the folder name without .app', () => {
    expect(bundleFolderName('/Applications/Microsoft Teams.app')).toBe('Microsoft Teams');
    expect(bundleFolderName('/Users/alice/Downloads/ChatBridge 2.app/')).toBe('ChatBridge 2');
  });
});
