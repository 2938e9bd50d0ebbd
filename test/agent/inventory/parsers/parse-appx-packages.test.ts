import { describe, expect, it } from 'vitest';
import { parseAppxPackages, publisherName } from '../../../../agent/inventory/parsers/parse-appx-packages.ts';
import { parsePowerShellJson } from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import { fixture } from './fixture.ts';

const read = (name: string) => parseAppxPackages(parsePowerShellJson(fixture('win32', name)));
const apps = 'C:\\Program Files\\WindowsApps\\';

describe('parseAppxPackages', () => {
  const packages = read('powershell-appx.json');

  it('lists Store apps with name, version, install folder and publisher organisation', () => {
    expect(packages[0]).toEqual({
      name: 'Microsoft.WindowsCalculator',
      version: '11.2405.2.0',
      path: `${apps}Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe`,
      publisher: 'Microsoft Corporation',
      source: 'appx',
    });
    expect(packages.find((p) => p.name === 'MSTeams')).toEqual({
      name: 'MSTeams',
      version: '24295.605.3225.8804',
      path: `${apps}MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe`,
      publisher: 'Microsoft Corporation',
      source: 'appx',
    });
  });

  it('keeps Store-signed publishers as their CN (WhatsApp, Telegram) and packages without a folder', () => {
    expect(packages.find((p) => p.name === '5319275A.WhatsAppDesktop')?.publisher).toBe(
      '24803D75-212C-471A-BC57-9EF86AB91435',
    );
    expect(packages.find((p) => p.name === 'TelegramMessengerLLP.TelegramDesktop')).toMatchObject({
      version: '5.8.3.0',
      publisher: '536BC709-8EE1-4478-AF22-F0F0F26FF64A',
    });
    expect(packages.find((p) => p.name === 'Microsoft.SkypeApp')).toMatchObject({
      path: undefined,
      publisher: 'Microsoft Corporation',
    });
  });

  it('skips frameworks, nameless rows and a second architecture of the same version', () => {
    expect(packages.map((p) => p.name)).toEqual([
      'Microsoft.WindowsCalculator',
      'MSTeams',
      '5319275A.WhatsAppDesktop',
      'TelegramMessengerLLP.TelegramDesktop',
      'Microsoft.SkypeApp',
      'Contoso.Chat',
    ]);
  });

  it('reads a single package printed as a bare object', () => {
    expect(read('powershell-appx-single.json').map((p) => p.name)).toEqual(['MSTeams']);
  });
});

describe('publisherName', () => {
  it('takes O=, else CN=, unquoting values with commas', () => {
    expect(publisherName('CN="Contoso, Ltd.", O="Contoso, Ltd.", C=US')).toBe('Contoso, Ltd.');
    expect(
      publisherName('CN=Skype Software Sarl, O=Microsoft Corporation, L=Luxembourg, S=Luxembourg, C=LU'),
    ).toBe('Microsoft Corporation');
    expect(publisherName('CN=24803D75-212C-471A-BC57-9EF86AB91435')).toBe(
      '24803D75-212C-471A-BC57-9EF86AB91435',
    );
    expect(publisherName('Some Vendor')).toBe('Some Vendor');
  });
});
