import { type SelectQueryBuilder, sql } from 'kysely';
import type { DeviceStatus } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';

export type DeviceFilters = {
  readonly search?: string | undefined;
  readonly os?: string | undefined;
  readonly status?: DeviceStatus | undefined;
  readonly client?: string | undefined;
  readonly group?: string | undefined;
  readonly hasFindings?: boolean | undefined;
};

const day = 24 * 60 * 60_000;

/**
 * The device filters as SQL, so paging and counting stay in the database at any fleet size. The
 * status conditions restate `deviceStatus` (shared/fleet/device-status.ts) over the same columns.
 */
export function applyDeviceFilters<O>(
  query: SelectQueryBuilder<Database, 'devices', O>,
  filters: DeviceFilters,
  options: { readonly now: Date; readonly heartbeatMs: number },
): SelectQueryBuilder<Database, 'devices', O> {
  let q = query;
  // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
  const search = filters.search?.toLowerCase().replace(/[%_]/g, '');
  if (search) q = q.where((eb) => eb(eb.fn('lower', ['devices.hostname']), 'like', `%${search}%`));
  if (filters.os) q = q.where('devices.os', '=', filters.os);
  if (filters.client) {
    const client = filters.client;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('findings')
          .select('findings.client')
          .whereRef('findings.device_id', '=', 'devices.id')
          .where('findings.client', '=', client)
          .where('findings.gone_at', 'is', null),
      ),
    );
  }
  if (filters.hasFindings !== undefined) {
    const wanted = filters.hasFindings;
    q = q.where(({ exists, not, selectFrom }) => {
      const any = exists(
        selectFrom('findings')
          .select('findings.client')
          .whereRef('findings.device_id', '=', 'devices.id')
          .where('findings.gone_at', 'is', null),
      );
      return wanted ? any : not(any);
    });
  }
  if (filters.group) {
    const group = filters.group;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('device_groups')
          .select('device_groups.group_name')
          .whereRef('device_groups.device_id', '=', 'devices.id')
          .where('device_groups.group_name', '=', group),
      ),
    );
  }
  if (filters.status) {
    const now = options.now.getTime();
    const missingBefore = new Date(now - 30 * day).toISOString();
    const newAfter = new Date(now - day).toISOString();
    const onlineSince = new Date(now - options.heartbeatMs - 60_000).toISOString();
    const lastSign = sql<string>`coalesce(devices.last_seen_at, devices.enrolled_at)`;
    if (filters.status === 'missing') q = q.where(lastSign, '<', missingBefore);
    else {
      q = q.where(lastSign, '>=', missingBefore);
      if (filters.status === 'new') q = q.where('devices.enrolled_at', '>', newAfter);
      else {
        q = q.where('devices.enrolled_at', '<=', newAfter);
        q =
          filters.status === 'online'
            ? q.where('devices.last_seen_at', '>=', onlineSince)
            : q.where((eb) =>
                eb.or([eb('devices.last_seen_at', 'is', null), eb('devices.last_seen_at', '<', onlineSince)]),
              );
      }
    }
  }
  return q;
}
