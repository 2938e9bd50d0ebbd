import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Node's built-in SQLite (no native addon to build) shaped as Kysely's SQLite driver expects:
 * statements take their parameters as one array, and say whether they return rows.
 */
export function openSqlite(path: string): SqliteDatabase {
  const db = new DatabaseSync(path);
  // WAL: readers never block the writer; NORMAL keeps every committed transaction across a crash of
  // the process (what "kill -9 loses no acknowledged report" needs) without an fsync per commit.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;',
  );
  // Kysely sends the same SQL text again and again: parse and plan each text once.
  const prepared = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare: (sql: string): SqliteStatement => {
      let stmt = prepared.get(sql);
      if (!stmt) {
        if (prepared.size >= statementCacheSize) prepared.delete(prepared.keys().next().value as string);
        stmt = statement(db.prepare(sql));
        prepared.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** Distinct statements kept prepared; the oldest is dropped beyond this. */
const statementCacheSize = 500;

type Parameter = null | number | bigint | string | NodeJS.ArrayBufferView;

function statement(stmt: StatementSync): SqliteStatement {
  const reader = stmt.columns().length > 0;
  const bind = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqlite);
  return {
    reader,
    all: (parameters) => stmt.all(...bind(parameters)),
    run: (parameters) => stmt.run(...bind(parameters)),
    iterate: (parameters) => stmt.iterate(...bind(parameters)),
  };
}

function toSqlite(value: unknown): Parameter {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as Parameter;
}
