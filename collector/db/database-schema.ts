import type { ColumnType, Generated } from 'kysely';

/**
 * The collector's tables, as Kysely sees them. Times are ISO-8601 strings (sortable, identical on
 * SQLite and PostgreSQL); JSON is text; booleans are 0/1. The same migrations create both.
 */
export type Database = {
  enroll_secrets: EnrollSecretTable;
  devices: DeviceTable;
  reports: ReportTable;
  findings: FindingTable;
  alerts: AlertTable;
  alert_notes: AlertNoteTable;
  policies: PolicyTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditTable;
  policy_exceptions: PolicyExceptionTable;
  device_groups: DeviceGroupTable;
  sessions: SessionTable;
  webhooks: WebhookTable;
  outbox: OutboxTable;
};

export type WebhookTable = {
  id: string;
  name: string;
  url: string;
  format: string;
  created_at: string;
  deleted_at: string | null;
};

export type OutboxTable = {
  id: Generated<number>;
  webhook_id: string;
  payload: string;
  created_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  lease_until: string | null;
  delivered_at: string | null;
  failed_at: string | null;
  last_status: number | null;
  last_error: string | null;
};

export type SessionTable = {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
};

export type PolicyExceptionTable = {
  id: string;
  client: string;
  scope: string;
  subject: string;
  reason: string;
  granted_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

export type DeviceGroupTable = { device_id: string; group_name: string };

export type EnrollSecretTable = {
  id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
};

export type DeviceTable = {
  id: string;
  hardware_id: string | null;
  hostname: string;
  os: string;
  os_version: string | null;
  arch: string | null;
  users: string;
  agent_version: string | null;
  catalog_version: string | null;
  token_hash: string;
  enrolled_at: string;
  last_seen_at: string | null;
  /** `scannedAt` of the newest scan applied: an older report never overwrites newer state. */
  last_scan_at: string | null;
};

export type ReportTable = {
  report_id: string;
  device_id: string;
  kind: string;
  scanned_at: string;
  received_at: string;
  finding_count: number;
};

export type FindingTable = {
  device_id: string;
  client: string;
  name: string;
  category: string;
  confidence: string;
  running: number;
  installed: number;
  evidence: string;
  first_seen_at: string;
  last_seen_at: string;
  /** Set when a scan no longer reports it; the row stays as history. */
  gone_at: string | null;
  /** Consecutive scans without it, for automatic resolution of its alert. */
  absent_scans: number;
};

export type AlertTable = {
  id: string;
  device_id: string;
  client: string;
  state: string;
  resolution: string | null;
  assignee: string | null;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
  times_opened: number;
};

export type AlertNoteTable = {
  id: Generated<number>;
  alert_id: string;
  author: string;
  body: string;
  created_at: string;
};

export type PolicyTable = {
  client: string;
  /** '' for the whole fleet, else a device group. */
  device_group: string;
  state: string;
  updated_at: string;
  updated_by: string;
};

export type UserTable = {
  id: string;
  email: string;
  role: string;
  password_hash: string | null;
  created_at: string;
};

export type ApiTokenTable = {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
};

export type AuditTable = {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: ColumnType<string, string | undefined, string>;
};
