import type { Kysely } from 'kysely';
import { type ExceptionScope, type Judgement, judgeClient, type PolicyState } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';

export type Judge = (client: string, users: readonly string[]) => Judgement;

/**
 * Everything that decides whether a client is alertable on each of `deviceIds`, read in three
 * queries: policy rules, unexpired exceptions, device groups. One judge per device.
 */
export async function loadJudges(
  db: Kysely<Database>,
  deviceIds: readonly string[],
  now: string,
  defaultPolicy: (client: string) => PolicyState,
): Promise<Map<string, Judge>> {
  const rules = (await db.selectFrom('policies').selectAll().execute()).map((r) => ({
    client: r.client,
    deviceGroup: r.device_group,
    state: r.state as PolicyState,
  }));
  const exceptions = (
    await db
      .selectFrom('policy_exceptions')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .execute()
  ).map((e) => ({
    client: e.client,
    scope: e.scope as ExceptionScope,
    subject: e.subject,
    expiresAt: e.expires_at,
  }));
  const groups = deviceIds.length
    ? await db
        .selectFrom('device_groups')
        .selectAll()
        .where('device_id', 'in', [...deviceIds])
        .execute()
    : [];
  const judges = new Map<string, Judge>();
  for (const deviceId of deviceIds) {
    const deviceGroups = groups.filter((g) => g.device_id === deviceId).map((g) => g.group_name);
    judges.set(deviceId, (client, users) =>
      judgeClient({
        client,
        catalogDefault: defaultPolicy(client),
        deviceId,
        deviceGroups,
        users,
        rules,
        exceptions,
        now,
      }),
    );
  }
  return judges;
}
