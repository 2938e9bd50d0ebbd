import { z } from 'zod';
import { deviceOsValues } from './inventory-schema.ts';
import { findingSchema } from './scan-schema.ts';

/** Agent API v1 (contracts.md §4): what agents send and receive. Unknown fields are accepted and dropped. */

const shortText = z.string().trim().min(1).max(256);
const optionalShort = z.string().max(256).nullish();

export const enrollDeviceSchema = z.object({
  hostname: shortText,
  os: z.enum(deviceOsValues),
  osVersion: optionalShort,
  arch: optionalShort,
  hardwareId: optionalShort,
  agentVersion: optionalShort,
});

export const enrollRequestSchema = z.object({
  enrollSecret: z.string().min(1).max(512),
  device: enrollDeviceSchema,
});
export const enrollResponseSchema = z.object({ deviceId: z.string(), token: z.string() });

/** Findings of one report, bounded so one device cannot store unbounded state. */
export const maxFindingsPerReport = 500;

export const reportRequestSchema = z.object({
  reportId: z.uuid(),
  kind: z.enum(['scan', 'heartbeat']),
  scannedAt: z.iso.datetime({ offset: true }),
  agentVersion: shortText,
  catalogVersion: shortText,
  device: enrollDeviceSchema.extend({ users: z.array(shortText).max(200).nullish() }),
  findings: z.array(findingSchema).max(maxFindingsPerReport).optional(),
});
export const reportResponseSchema = z.object({ status: z.enum(['accepted', 'duplicate']) });

export const agentPolicySchema = z.object({
  version: z.string(),
  scanCron: z.string(),
  heartbeatCron: z.string(),
  catalogVersion: z.string(),
});

export const apiErrorSchema = z.object({ error: z.string(), message: z.string() });

export type EnrollRequest = z.infer<typeof enrollRequestSchema>;
export type ReportRequest = z.infer<typeof reportRequestSchema>;
export type AgentPolicy = z.infer<typeof agentPolicySchema>;
