import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DialectName } from '../open-database.ts';

/** Webhook targets and the durable outbox of notifications to them. */
export function notifications(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      const outbox = db.schema.createTable('outbox');
      await (dialect === 'postgres'
        ? outbox.addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        : outbox.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      )
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('outbox_due')
        .on('outbox')
        .columns(['delivered_at', 'failed_at', 'next_attempt_at'])
        .execute();
      await db.schema.createIndex('outbox_webhook').on('outbox').columns(['webhook_id', 'id']).execute();
    },
  };
}
