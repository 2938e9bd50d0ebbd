/** Device status as the fleet view shows it (contracts.md §5). */
export const deviceStatuses = ['online', 'offline', 'new', 'missing'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * `missing` after 30 days without a report; `new` for 24 hours after enrollment; else `online` when
 * seen within the heartbeat interval plus a minute of grace, `offline` after that. Times in ms.
 */
export function deviceStatus(options: {
  readonly enrolledAt: number;
  readonly lastSeenAt: number | undefined;
  readonly now: number;
  readonly heartbeatMs: number;
}): DeviceStatus {
  const { enrolledAt, lastSeenAt, now, heartbeatMs } = options;
  const lastSign = lastSeenAt ?? enrolledAt;
  if (now - lastSign > 30 * day) return 'missing';
  if (now - enrolledAt < day) return 'new';
  return lastSeenAt !== undefined && now - lastSeenAt <= heartbeatMs + minute ? 'online' : 'offline';
}
