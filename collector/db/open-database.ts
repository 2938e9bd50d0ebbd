import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import type { Database } from './database-schema.ts';
import { initialSchema } from './migrations/0001-initial.ts';
import { exceptionsAndGroups } from './migrations/0002-exceptions-and-groups.ts';
import { sessions } from './migrations/0003-sessions.ts';
import { notifications } from './migrations/0004-notifications.ts';
import { openSqlite } from './sqlite-adapter.ts';

export type DialectName = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data lives, for logs: a file path or the URL without its password. */
  readonly location: string;
};

/** Versioned, in order; a new migration is appended, never edited once released. */
function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(dialect),
    '0002-exceptions-and-groups': exceptionsAndGroups,
    '0003-sessions': sessions,
    '0004-notifications': notifications(dialect),
  };
}

/**
 * The one place the dialect is chosen: PostgreSQL for a `postgres://` URL, else the embedded SQLite
 * file `imscout.db` in the data directory. Runs pending migrations before returning.
 */
export async function openDatabase(options: {
  readonly databaseUrl?: string;
  readonly dataDir: string;
}): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const location = options.databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
    handle = {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      location,
    };
  } else if (options.databaseUrl) {
    throw new Error(
      `unsupported database URL (expected postgres://…): ${options.databaseUrl.split(':')[0]}:…`,
    );
  } else {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = join(options.dataDir, 'imscout.db');
    handle = {
      db: new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) }),
      dialect: 'sqlite',
      location: file,
    };
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations(handle.dialect) },
    migrationTableName: 'imscout_migrations',
    migrationLockTableName: 'imscout_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await handle.db.destroy();
    throw new Error(`database migration failed: ${(error as Error).message}`, { cause: error });
  }
  return handle;
}
