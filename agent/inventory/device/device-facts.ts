import { arch, hostname, platform, release } from 'node:os';
import type { Device, DeviceOs } from '../../../shared/index.ts';

const osNames: Partial<Record<NodeJS.Platform, DeviceOs>> = {
  win32: 'windows',
  darwin: 'macos',
  linux: 'linux',
};

export function deviceOs(p: NodeJS.Platform = platform()): DeviceOs {
  const os = osNames[p];
  if (!os) throw new Error(`unsupported platform ${p}`);
  return os;
}

let stable: Promise<Pick<Device, 'osVersion' | 'hardwareId'>> | undefined;

/** OS version and hardware id change only with a reboot or a new machine: read once per process. */
function stableFacts(): Promise<Pick<Device, 'osVersion' | 'hardwareId'>> {
  stable ??= (async () => {
    const si = await import('systeminformation');
    const [os, uuid] = await Promise.all([
      si.osInfo().catch(() => undefined),
      si.uuid().catch(() => undefined),
    ]);
    const version = os ? [os.distro, os.release].filter(Boolean).join(' ') || os.kernel : undefined;
    const hardwareId = uuid?.hardware || uuid?.os || undefined;
    return { osVersion: version || release(), hardwareId };
  })();
  return stable;
}

/** Who has a session now (a console, SSH or remote-desktop login). */
async function loggedInUsers(): Promise<string[]> {
  const si = await import('systeminformation');
  const sessions = await si.users().catch(() => []);
  return [...new Set(sessions.map((s) => s.user).filter(Boolean))].sort();
}

export async function deviceFacts(): Promise<Device> {
  const [facts, users] = await Promise.all([stableFacts(), loggedInUsers()]);
  return { hostname: hostname(), os: deviceOs(), arch: arch(), ...facts, users };
}
