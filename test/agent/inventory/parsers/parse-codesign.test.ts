import { describe, expect, it } from 'vitest';
import { codesignSigner, parseCodesign } from '../../../../agent/inventory/parsers/parse-codesign.ts';
import { fixture } from './fixture.ts';

const read = (name: string) => parseCodesign(fixture('darwin', name));

describe('parseCodesign', () => {
  it('reads a Developer ID signature (Slack): identifier, Team ID and the authority chain, leaf first', () => {
    const sig = read('codesign-slack.stderr.txt');
    expect(sig).toEqual({
      signed: true,
      identifier: 'com.tinyspeck.slackmacgap',
      teamId: 'BQR82RBBHL',
      authorities: [
        'Developer ID Application: Slack Technologies, Inc. (BQR82RBBHL)',
        'Developer ID Certification Authority',
        'Apple Root CA',
      ],
      adhoc: false,
    });
    expect(codesignSigner(sig)).toBe('Developer ID Application: Slack Technologies, Inc. (BQR82RBBHL)');
  });

  it('reports Signal and Teams by their Developer ID authority', () => {
    expect(codesignSigner(read('codesign-signal.stderr.txt'))).toBe(
      'Developer ID Application: Signal Messenger, LLC (U68MSDN6DR)',
    );
    expect(codesignSigner(read('codesign-teams.stderr.txt'))).toBe(
      'Developer ID Application: Microsoft Corporation (UBF8T346G9)',
    );
  });

  it('reports a Mac App Store app (Telegram) by its bare Team ID: the store certificate names no vendor', () => {
    const sig = read('codesign-telegram-appstore.stderr.txt');
    expect(sig.teamId).toBe('6N38VWS5BX');
    expect(sig.authorities[0]).toBe('Apple Mac OS Application Signing');
    expect(codesignSigner(sig)).toBe('6N38VWS5BX');
  });

  it('treats "TeamIdentifier=not set" (Apple platform code) as no Team ID', () => {
    const sig = read('codesign-messages-apple.stderr.txt');
    expect(sig).toMatchObject({
      signed: true,
      identifier: 'com.apple.MobileSMS',
      teamId: undefined,
      adhoc: false,
    });
    expect(sig.authorities).toEqual([
      'Software Signing',
      'Apple Code Signing Certification Authority',
      'Apple Root CA',
    ]);
    expect(codesignSigner(sig)).toBeUndefined();
  });

  it('recognises ad-hoc signatures, which have no signer', () => {
    const sig = read('codesign-adhoc.stderr.txt');
    expect(sig).toEqual({
      signed: true,
      identifier: 'halloy-4f9a2c1d7e3b5a60',
      teamId: undefined,
      authorities: [],
      adhoc: true,
    });
    expect(codesignSigner(sig)).toBeUndefined();
  });

  it('recognises unsigned code, even with spaces in its path', () => {
    const sig = read('codesign-unsigned.stderr.txt');
    expect(sig).toEqual({
      signed: false,
      identifier: undefined,
      teamId: undefined,
      authorities: [],
      adhoc: false,
    });
    expect(codesignSigner(sig)).toBeUndefined();
  });

  it('ignores a malformed Team ID and lines without a key', () => {
    const sig = parseCodesign('Identifier=com.example\n=oops\nTeamIdentifier=lowercase1\ngarbage\n');
    expect(sig).toMatchObject({ signed: true, identifier: 'com.example', teamId: undefined });
  });

  it('uses the Team ID when the leaf authority names another team', () => {
    const sig = parseCodesign(
      'Identifier=com.example\nAuthority=Developer ID Application: Someone Else (ZZZZZZZZZZ)\nTeamIdentifier=ABCDE12345\n',
    );
    expect(codesignSigner(sig)).toBe('ABCDE12345');
  });
});
