import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Policy exceptions and device groups. */
export const exceptionsAndGroups: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('policy_exceptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createIndex('policy_exceptions_active')
      .on('policy_exceptions')
      .columns(['revoked_at', 'expires_at'])
      .execute();
    await db.schema
      .createTable('device_groups')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_groups_pk', ['device_id', 'group_name'])
      .execute();
    await db.schema.createIndex('device_groups_group').on('device_groups').column('group_name').execute();
  },
};
