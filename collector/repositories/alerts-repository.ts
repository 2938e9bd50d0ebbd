import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Alert, type AlertAction, type AlertState, applyAction } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import { toAlert } from '../ingest/alert-rows.ts';

export type AlertQuery = {
  readonly state?: AlertState | undefined;
  readonly client?: string | undefined;
  readonly assignee?: string | undefined;
  /** Only alerts opened at least this many hours ago. */
  readonly olderThanHours?: number | undefined;
  /** `risk`: riskiest first, then newest (the help desk's default); `newest`: newest first. */
  readonly sort?: 'risk' | 'newest' | undefined;
  readonly limit: number;
  readonly offset: number;
};

/** Risk of a client the catalog does not know. */
const defaultRisk = 4;

/** The help desk's queue: alerts newest first, and the actions people take on them. */
export function alertsRepository(
  db: Kysely<Database>,
  now: () => Date,
  riskByClient: ReadonlyMap<string, number> = new Map(),
) {
  // Clients grouped by score, riskiest first: one CASE branch per score, not per client.
  const byScore = new Map<number, string[]>();
  for (const [client, score] of riskByClient) byScore.set(score, [...(byScore.get(score) ?? []), client]);
  const scoreGroups = [...byScore].sort((a, b) => b[0] - a[0]);
  const riskOrder = scoreGroups.length
    ? sql<number>`case ${sql.join(
        scoreGroups.map(
          ([score, clients]) => sql`when alerts.client in (${sql.join(clients)}) then ${score}`,
        ),
        sql` `,
      )} else ${defaultRisk} end`
    : undefined;
  return {
    async list(query: AlertQuery) {
      let base = db.selectFrom('alerts').innerJoin('devices', 'devices.id', 'alerts.device_id');
      if (query.state) base = base.where('alerts.state', '=', query.state);
      if (query.client) base = base.where('alerts.client', '=', query.client);
      if (query.assignee) base = base.where('alerts.assignee', '=', query.assignee);
      if (query.olderThanHours !== undefined) {
        base = base.where(
          'alerts.opened_at',
          '<=',
          new Date(now().getTime() - query.olderThanHours * 3_600_000).toISOString(),
        );
      }
      const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
        { total: number },
      ];
      const rows = await base
        .select([
          'alerts.id',
          'alerts.device_id',
          'devices.hostname',
          'alerts.client',
          'alerts.state',
          'alerts.resolution',
          'alerts.assignee',
          'alerts.opened_at',
          'alerts.updated_at',
          'alerts.times_opened',
        ])
        .$if(query.sort !== 'newest' && riskOrder !== undefined, (q) =>
          q.orderBy(riskOrder as RawBuilder<number>, 'desc'),
        )
        .orderBy('alerts.opened_at', 'desc')
        .orderBy('alerts.id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return {
        total: Number(total),
        alerts: rows.map((r) => ({
          id: r.id,
          deviceId: r.device_id,
          hostname: r.hostname,
          client: r.client,
          state: r.state,
          resolution: r.resolution,
          assignee: r.assignee,
          openedAt: r.opened_at,
          updatedAt: r.updated_at,
          timesOpened: r.times_opened,
        })),
      };
    },

    /** One alert with its notes, oldest note first; undefined when it does not exist. */
    async get(id: string) {
      const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const notes = await db
        .selectFrom('alert_notes')
        .select(['author', 'body', 'created_at'])
        .where('alert_id', '=', id)
        .orderBy('id')
        .execute();
      return {
        id: row.id,
        deviceId: row.device_id,
        client: row.client,
        state: row.state,
        resolution: row.resolution,
        assignee: row.assignee,
        openedAt: row.opened_at,
        updatedAt: row.updated_at,
        timesOpened: row.times_opened,
        notes: notes.map((n) => ({ author: n.author, body: n.body, createdAt: n.created_at })),
      };
    },

    async addNote(id: string, author: string, body: string): Promise<boolean> {
      const exists = await db.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) return false;
      await db
        .insertInto('alert_notes')
        .values({ alert_id: id, author, body, created_at: now().toISOString() })
        .execute();
      return true;
    },

    /** Applies a person's action in one transaction; undefined when the alert does not exist. */
    async act(id: string, action: AlertAction): Promise<Alert | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) return undefined;
        const next = applyAction(toAlert(row), action);
        const at = now().toISOString();
        await trx
          .updateTable('alerts')
          .set({
            state: next.state,
            resolution: next.resolution,
            assignee: next.assignee,
            times_opened: next.timesOpened,
            updated_at: at,
            resolved_at: next.state === 'resolved' ? at : null,
          })
          .where('id', '=', id)
          .execute();
        return next;
      });
    },
  };
}

export type AlertsRepository = ReturnType<typeof alertsRepository>;
