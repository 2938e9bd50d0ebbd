import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Alert,
  type AlertState,
  afterScan,
  type ExceptionScope,
  type PolicyState,
  type Resolution,
} from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';
import { loadJudges } from './load-judges.ts';

export type ExceptionRequest = {
  readonly client: string;
  readonly scope: ExceptionScope;
  readonly subject: string;
  readonly reason: string;
  readonly expiresAt: string;
};

/** Devices re-judged per transaction when a policy or exception changes. */
const devicesPerTransaction = 500;

/** Policy decisions and exceptions, and the re-evaluation of alerts they trigger. */
export function policyRepository(
  db: Kysely<Database>,
  now: () => Date,
  defaultPolicy: (client: string) => PolicyState,
  clientName: (client: string) => string = (client) => client,
) {
  /**
   * Re-judges every device where these clients are present now, and opens or resolves their alerts
   * accordingly (a sanctioned or excepted client's alert resolves; one no longer covered reopens).
   * Idempotent, so any collector may run it any time. Returns how many alerts changed.
   */
  async function reevaluate(clients: readonly string[]): Promise<number> {
    if (clients.length === 0) return 0;
    const present = await db
      .selectFrom('findings')
      .select(['device_id', 'client', 'evidence'])
      .where('client', 'in', [...clients])
      .where('gone_at', 'is', null)
      .execute();
    const deviceIds = [...new Set(present.map((p) => p.device_id))].sort();
    let changed = 0;
    for (let start = 0; start < deviceIds.length; start += devicesPerTransaction) {
      const ids = deviceIds.slice(start, start + devicesPerTransaction);
      changed += await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        const judges = await loadJudges(trx, ids, at, defaultPolicy);
        const devices = await trx
          .selectFrom('devices')
          .select(['id', 'users'])
          .where('id', 'in', ids)
          .execute();
        const alerts = await trx
          .selectFrom('alerts')
          .selectAll()
          .where('device_id', 'in', ids)
          .where('client', 'in', [...clients])
          .execute();
        let count = 0;
        const reopened: { deviceId: string; client: string; alertId: string | undefined }[] = [];
        for (const finding of present.filter((p) => ids.includes(p.device_id))) {
          const device = devices.find((d) => d.id === finding.device_id);
          const users = [
            ...(JSON.parse(device?.users ?? '[]') as string[]),
            ...(JSON.parse(finding.evidence) as { user?: string }[]).flatMap((e) => (e.user ? [e.user] : [])),
          ];
          const row = alerts.find((a) => a.device_id === finding.device_id && a.client === finding.client);
          const current: Alert | undefined = row && {
            state: row.state as AlertState,
            resolution: row.resolution as Resolution | null,
            assignee: row.assignee,
            timesOpened: row.times_opened,
          };
          const judge = judges.get(finding.device_id);
          if (!judge) continue;
          const next = afterScan(current, { present: true, ...judge(finding.client, users) });
          if (!next) continue;
          const values = {
            state: next.alert.state,
            resolution: next.alert.resolution,
            assignee: next.alert.assignee,
            times_opened: next.alert.timesOpened,
            updated_at: at,
            resolved_at: next.alert.state === 'resolved' ? at : null,
          };
          if (row) {
            await trx
              .updateTable('alerts')
              .set({ ...values, ...(next.event === 'reopened' ? { opened_at: at } : {}) })
              .where('id', '=', row.id)
              .execute();
          } else {
            await trx
              .insertInto('alerts')
              .values({
                id: randomUUID(),
                device_id: finding.device_id,
                client: finding.client,
                opened_at: at,
                ...values,
              })
              .execute();
          }
          count++;
          if (next.event !== 'resolved')
            reopened.push({ deviceId: finding.device_id, client: finding.client, alertId: row?.id });
        }
        const hostnames = await trx
          .selectFrom('devices')
          .select(['id', 'hostname'])
          .where('id', 'in', ids)
          .execute();
        await enqueueNotices(
          trx,
          reopened.flatMap((r) =>
            r.alertId
              ? [
                  {
                    event: 'alert.reopened' as const,
                    alertId: r.alertId,
                    client: r.client,
                    clientName: clientName(r.client),
                    deviceId: r.deviceId,
                    hostname: hostnames.find((h) => h.id === r.deviceId)?.hostname ?? '',
                    at,
                  },
                ]
              : [],
          ),
          at,
        );
        return count;
      });
    }
    return changed;
  }

  return {
    reevaluate,

    rules() {
      return db.selectFrom('policies').selectAll().orderBy('client').orderBy('device_group').execute();
    },

    async setRule(
      rule: { client: string; deviceGroup: string; state: PolicyState },
      actor: string,
    ): Promise<number> {
      await db
        .insertInto('policies')
        .values({
          client: rule.client,
          device_group: rule.deviceGroup,
          state: rule.state,
          updated_at: now().toISOString(),
          updated_by: actor,
        })
        .onConflict((oc) =>
          oc
            .columns(['client', 'device_group'])
            .doUpdateSet({ state: rule.state, updated_at: now().toISOString(), updated_by: actor }),
        )
        .execute();
      return reevaluate([rule.client]);
    },

    exceptions() {
      return db
        .selectFrom('policy_exceptions')
        .selectAll()
        .where('revoked_at', 'is', null)
        .orderBy('expires_at')
        .execute();
    },

    async grantException(
      request: ExceptionRequest,
      actor: string,
    ): Promise<{ id: string; changedAlerts: number }> {
      const id = randomUUID();
      await db
        .insertInto('policy_exceptions')
        .values({
          id,
          client: request.client,
          scope: request.scope,
          subject: request.subject,
          reason: request.reason,
          expires_at: request.expiresAt,
          granted_by: actor,
          created_at: now().toISOString(),
          revoked_at: null,
        })
        .execute();
      return { id, changedAlerts: await reevaluate([request.client]) };
    },

    async revokeException(id: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('policy_exceptions')
        .select('client')
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      await db
        .updateTable('policy_exceptions')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', id)
        .execute();
      return reevaluate([row.client]);
    },

    /** Clients whose exceptions expired in the last `windowMs`: their alerts may need to reopen. */
    async reevaluateExpired(windowMs: number): Promise<number> {
      const to = now();
      const from = new Date(to.getTime() - windowMs).toISOString();
      const expired = await db
        .selectFrom('policy_exceptions')
        .select('client')
        .distinct()
        .where('expires_at', '>', from)
        .where('expires_at', '<=', to.toISOString())
        .execute();
      return reevaluate(expired.map((e) => e.client));
    },
  };
}

export type PolicyRepository = ReturnType<typeof policyRepository>;
