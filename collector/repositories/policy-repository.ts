import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterScan, type ExceptionScope, type PolicyState } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import { alertRowAfter, toAlert } from '../ingest/alert-rows.ts';
import type { AlertNotice } from '../notifications/alert-message.ts';
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
          .select(['id', 'users', 'hostname'])
          .where('id', 'in', ids)
          .execute();
        const alerts = await trx
          .selectFrom('alerts')
          .selectAll()
          .where('device_id', 'in', ids)
          .where('client', 'in', [...clients])
          .execute();
        let count = 0;
        const notices: AlertNotice[] = [];
        for (const finding of present.filter((p) => ids.includes(p.device_id))) {
          const device = devices.find((d) => d.id === finding.device_id);
          const users = [
            ...(JSON.parse(device?.users ?? '[]') as string[]),
            ...(JSON.parse(finding.evidence) as { user?: string }[]).flatMap((e) => (e.user ? [e.user] : [])),
          ];
          const row = alerts.find((a) => a.device_id === finding.device_id && a.client === finding.client);
          const judge = judges.get(finding.device_id);
          if (!judge) continue;
          const next = afterScan(row && toAlert(row), { present: true, ...judge(finding.client, users) });
          if (!next) continue;
          const written = {
            ...alertRowAfter({ row, client: finding.client, next, at, newId: randomUUID }),
            device_id: finding.device_id,
          };
          await trx
            .insertInto('alerts')
            .values(written)
            .onConflict((oc) => oc.columns(['device_id', 'client']).doUpdateSet(written))
            .execute();
          count++;
          if (next.event !== 'resolved') {
            notices.push({
              event: next.event === 'opened' ? 'alert.opened' : 'alert.reopened',
              alertId: written.id,
              client: finding.client,
              clientName: clientName(finding.client),
              deviceId: finding.device_id,
              hostname: devices.find((d) => d.id === finding.device_id)?.hostname ?? '',
              at,
            });
          }
        }
        await enqueueNotices(trx, notices, at);
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
