import { describe, expect, it } from 'vitest';
import { parseDesktopFile } from '../../../../agent/inventory/parsers/parse-desktop-file.ts';
import { parseDpkgStatus } from '../../../../agent/inventory/parsers/parse-dpkg-status.ts';

describe('parseDpkgStatus', () => {
  it('lists installed packages once, skipping removed ones with config left', () => {
    const text = [
      'Package: hexchat\nStatus: install ok installed\nPriority: optional\nMaintainer: Debian QA <packages@qa.debian.org>\nArchitecture: amd64\nVersion: 2.16.1-1+b3\nDescription: IRC client\n multi-line description',
      'Package: slack\nStatus: deinstall ok config-files\nVersion: 0.15.2-9',
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 2.36-9',
      'Package: libc6\nStatus: install ok installed\nArchitecture: i386\nMulti-Arch: same\nVersion: 2.36-9',
    ].join('\n\n');
    expect(parseDpkgStatus(text)).toEqual([
      { name: 'hexchat', version: '2.16.1-1+b3', maintainer: 'Debian QA <packages@qa.debian.org>' },
      { name: 'libc6', version: '2.36-9', maintainer: undefined },
    ]);
  });
});

describe('parseDesktopFile', () => {
  it('reads the Desktop Entry group and ignores translations and other groups', () => {
    const text =
      '[Desktop Entry]\nName=HexChat\nName[de]=HexChat DE\nExec=hexchat --existing %U\nType=Application\n\n[Desktop Action SafeMode]\nName=Safe Mode\nExec=hexchat --no-plugins\n';
    expect(parseDesktopFile(text)).toEqual({ name: 'HexChat', exec: 'hexchat --existing %U', hidden: false });
  });

  it('marks hidden entries and refuses links and nameless files', () => {
    expect(parseDesktopFile('[Desktop Entry]\nName=X\nNoDisplay=true\n')?.hidden).toBe(true);
    expect(
      parseDesktopFile('[Desktop Entry]\nName=Site\nType=Link\nURL=https://example.org\n'),
    ).toBeUndefined();
    expect(parseDesktopFile('[Desktop Entry]\nExec=x\n')).toBeUndefined();
  });
});
