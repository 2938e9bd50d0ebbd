import type { DeviceOs, InventorySnapshot, ProcessRecord } from '../shared/index.ts';

/**
 * A 10,000-process machine as such machines are: many copies of few daemons, browser renderers
 * with per-instance arguments, a long tail of distinct tools, interpreters running scripts (each
 * command line unique), and a few dozen chat-client processes. Printed with the figures.
 */
type Part = {
  readonly label: string;
  readonly share: number;
  readonly make: (i: number) => Omit<ProcessRecord, 'pid'>;
};

const win = (path: string) => ({ name: path.slice(path.lastIndexOf('\\') + 1), path });
const nix = (path: string) => ({ name: path.slice(path.lastIndexOf('/') + 1).slice(0, 15), path });

const parts: Record<DeviceOs, readonly Part[]> = {
  linux: [
    {
      label: 'daemons (40 kinds)',
      share: 0.4,
      make: (i) => ({ ...nix(`/usr/sbin/daemon${i % 40}`), cmd: `/usr/sbin/daemon${i % 40} -f` }),
    },
    {
      label: 'browser renderers',
      share: 0.3,
      make: (i) => ({
        name: 'chrome',
        path: '/opt/google/chrome/chrome',
        cmd: `/opt/google/chrome/chrome --type=renderer --renderer-client-id=${i}`,
      }),
    },
    {
      label: 'distinct tools (1,000)',
      share: 0.2,
      make: (i) => ({
        ...nix(`/opt/tools/tool${i % 1000}/bin/tool${i % 1000}`),
        cmd: `tool${i % 1000} --serve`,
      }),
    },
    {
      label: 'interpreters, unique command lines',
      share: 0.095,
      make: (i) => ({
        name: 'python3',
        path: '/usr/bin/python3.11',
        cmd: `python3 /srv/app/worker${i % 95}.py --job=${i}`,
      }),
    },
    {
      label: 'chat clients and helpers',
      share: 0.005,
      make: (i) =>
        [
          { ...nix('/usr/lib/slack/slack'), cmd: `/usr/lib/slack/slack --type=renderer --id=${i}` },
          { name: 'telegram-deskto', path: '/usr/bin/telegram-desktop', cmd: '/usr/bin/telegram-desktop' },
          { name: 'python3', path: '/usr/bin/python3.11', cmd: 'python3 /usr/bin/gajim' },
          { ...nix('/usr/bin/irssi'), cmd: 'irssi' },
        ][i % 4] as Omit<ProcessRecord, 'pid'>,
    },
  ],
  windows: [
    {
      label: 'svchost and other services (40 kinds)',
      share: 0.4,
      make: (i) => ({
        ...win(`C:\\Windows\\System32\\svc${i % 40}.exe`),
        cmd: `C:\\Windows\\System32\\svc${i % 40}.exe -k netsvcs -p`,
        fileInfo: {
          originalFilename: `svc${i % 40}.exe`,
          companyName: 'Microsoft Corporation',
          productName: 'Microsoft® Windows® Operating System',
        },
        signer: 'Microsoft Windows',
      }),
    },
    {
      label: 'browser renderers',
      share: 0.3,
      make: (i) => ({
        ...win('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'),
        cmd: `"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --renderer-client-id=${i}`,
        fileInfo: { originalFilename: 'chrome.exe', companyName: 'Google LLC', productName: 'Google Chrome' },
        signer: 'Google LLC',
      }),
    },
    {
      label: 'distinct tools (1,000)',
      share: 0.2,
      make: (i) => ({
        ...win(`C:\\Program Files\\Tool${i % 1000}\\tool${i % 1000}.exe`),
        fileInfo: {
          originalFilename: `tool${i % 1000}.exe`,
          productName: `Tool ${i % 1000}`,
          companyName: `Vendor ${i % 300}`,
        },
      }),
    },
    {
      label: 'interpreters, unique command lines',
      share: 0.095,
      make: (i) => ({
        ...win('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'),
        cmd: `powershell.exe -File C:\\jobs\\job${i % 95}.ps1 -Id ${i}`,
      }),
    },
    {
      label: 'chat clients and helpers',
      share: 0.005,
      make: (i) =>
        [
          {
            ...win('C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe'),
            fileInfo: {
              originalFilename: 'Telegram.exe',
              productName: 'Telegram Desktop',
              companyName: 'Telegram FZ-LLC',
            },
          },
          {
            ...win(
              'C:\\Program Files\\WindowsApps\\MSTeams_24124.2315.2911.3357_x64__8wekyb3d8bbwe\\ms-teams.exe',
            ),
            signer: 'Microsoft Corporation',
          },
          {
            ...win('C:\\Users\\alice\\AppData\\Local\\slack\\app-4.41.97\\slack.exe'),
            cmd: `slack.exe --type=renderer --id=${i}`,
          },
          { ...win('C:\\Users\\alice\\AppData\\Local\\Discord\\app-1.0.9163\\Discord.exe') },
        ][i % 4] as Omit<ProcessRecord, 'pid'>,
    },
  ],
  macos: [
    { label: 'daemons (40 kinds)', share: 0.4, make: (i) => ({ ...nix(`/usr/libexec/daemon${i % 40}`) }) },
    {
      label: 'browser helpers',
      share: 0.3,
      make: (i) => ({
        name: 'Google Chrome Helper (Renderer)',
        path: '/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/131.0.6778.86/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)',
        cmd: `Google Chrome Helper (Renderer) --type=renderer --id=${i}`,
        bundleId: 'com.google.Chrome.helper.renderer',
        signer: 'EQHXZ8M8AV',
      }),
    },
    {
      label: 'distinct apps (1,000)',
      share: 0.2,
      make: (i) => ({
        ...nix(`/Applications/App${i % 1000}.app/Contents/MacOS/App${i % 1000}`),
        bundleId: `com.vendor${i % 300}.app${i % 1000}`,
        signer: `TEAM${String(i % 300).padStart(6, '0')}`,
      }),
    },
    {
      label: 'interpreters, unique command lines',
      share: 0.095,
      make: (i) => ({
        name: 'python3',
        path: '/usr/bin/python3',
        cmd: `python3 /Users/alice/jobs/job${i % 95}.py --id ${i}`,
      }),
    },
    {
      label: 'chat clients and helpers',
      share: 0.005,
      make: (i) =>
        [
          {
            name: 'Slack Helper (Renderer)',
            path: '/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app/Contents/MacOS/Slack Helper (Renderer)',
            bundleId: 'com.tinyspeck.slackmacgap.helper.Renderer',
            signer: 'BQR82RBBHL',
          },
          {
            name: 'Telegram',
            path: '/Applications/Telegram.app/Contents/MacOS/Telegram',
            bundleId: 'ru.keepcoder.Telegram',
            signer: '6N38VWS5BX',
          },
          {
            name: 'Signal',
            path: '/Applications/Signal.app/Contents/MacOS/Signal',
            bundleId: 'org.whispersystems.signal-desktop',
            signer: 'U68MSDN6DR',
          },
          {
            name: 'zoom.us',
            path: '/Applications/zoom.us.app/Contents/MacOS/zoom.us',
            bundleId: 'us.zoom.xos',
            signer: 'BJ4HAAB9B3',
          },
        ][i % 4] as Omit<ProcessRecord, 'pid'>,
    },
  ],
};

export function compositionOf(os: DeviceOs): string {
  return parts[os].map((p) => `${Math.round(p.share * 100 * 10) / 10}% ${p.label}`).join(', ');
}

export function syntheticSnapshot(os: DeviceOs, count: number): InventorySnapshot {
  const processes: ProcessRecord[] = [];
  for (const part of parts[os]) {
    const n = Math.round(part.share * count);
    for (let i = 0; i < n; i++)
      processes.push({ pid: 1000 + processes.length, ppid: 1, user: 'alice', ...part.make(i) });
  }
  return {
    schema: 'imscout.inventory/v1',
    collectedAt: '2026-11-22T10:00:00.000Z',
    device: { hostname: 'bench', os },
    processes,
  };
}
