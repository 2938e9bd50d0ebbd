import { z } from 'zod';

/**
 * `imscout.inventory/v1`: what the agent sees on one device at one moment (contracts.md §1).
 * Unknown is absent or null, never 0 or ''. Unknown extra fields are accepted and dropped, so a
 * snapshot from a newer agent still scans.
 */

export const deviceOsValues = ['windows', 'macos', 'linux'] as const;

const text = z.string();
const optionalText = text.nullish();
const pid = z.int().nonnegative();

export const deviceSchema = z.object({
  hostname: text.min(1),
  os: z.enum(deviceOsValues),
  osVersion: optionalText,
  arch: optionalText,
  hardwareId: optionalText,
  /** Users with a session or a profile on the device. */
  users: z.array(text).nullish(),
});

export const fileInfoSchema = z.object({
  productName: optionalText,
  companyName: optionalText,
  fileDescription: optionalText,
  originalFilename: optionalText,
});

export const processSchema = z.object({
  pid,
  ppid: pid.nullish(),
  /** What the OS reports; on Linux the kernel's comm, cut to 15 characters. */
  name: text,
  /** Full path of the executable. Empty where the agent may not read it. */
  path: optionalText,
  /** Full command line. */
  cmd: optionalText,
  user: optionalText,
  /** Windows only: the executable's version resource. */
  fileInfo: fileInfoSchema.nullish(),
  /** macOS only: CFBundleIdentifier of the `.app` bundle that contains the executable. */
  bundleId: optionalText,
  /** Authenticode subject (windows) or Apple Team ID (macos). */
  signer: optionalText,
  /** Linux only: distribution package, snap or flatpak owning the executable. */
  package: optionalText,
  sha256: optionalText,
});

const protocol = z.enum(['tcp', 'udp']);
const port = z.int().min(0).max(65535);

export const listeningSocketSchema = z.object({
  protocol,
  address: text,
  port,
  /** Absent when the agent lacks the rights to see the owner. */
  pid: pid.nullish(),
});

export const connectionSchema = z.object({
  protocol,
  localAddress: optionalText,
  localPort: port.nullish(),
  remoteAddress: text,
  remotePort: port,
  state: optionalText,
  pid: pid.nullish(),
});

export const appSchema = z.object({
  name: text.min(1),
  version: optionalText,
  path: optionalText,
  bundleId: optionalText,
  publisher: optionalText,
  /** Where it was found: registry-machine, registry-user, appx, applications-folder, dpkg, rpm, snap, flatpak, desktop-file, user-profile-scan… */
  source: z
    .string()
    .regex(/^[a-z][a-z-]*$/, 'expected a lower-case word')
    .nullish(),
  user: optionalText,
});

export const inventorySnapshotSchema = z.object({
  schema: z.literal('imscout.inventory/v1'),
  collectedAt: z.iso.datetime({ offset: true }),
  device: deviceSchema,
  processes: z.array(processSchema).optional(),
  listening: z.array(listeningSocketSchema).optional(),
  connections: z.array(connectionSchema).optional(),
  apps: z.array(appSchema).optional(),
});

export type DeviceOs = (typeof deviceOsValues)[number];
export type Device = z.infer<typeof deviceSchema>;
export type ProcessRecord = z.infer<typeof processSchema>;
export type ListeningSocket = z.infer<typeof listeningSocketSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type InstalledApp = z.infer<typeof appSchema>;
export type InventorySnapshot = z.infer<typeof inventorySnapshotSchema>;
