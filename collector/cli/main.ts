import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import { accessRepository, type Role, roles } from '../repositories/access-repository.ts';
import { enrollmentRepository } from '../repositories/enrollment-repository.ts';
import { serve } from '../server.ts';

const usage = `Usage: imscout-collector <command> [options]

Commands:
  serve [--port N] [--host H] [--workers N] [storage]                 run the collector (N processes; 0: one per core)
  token create --role admin|helpdesk|viewer --name NAME [storage]        print a new API token
  enroll-secret create [--name NAME] [storage]                          print a new enrollment secret
  user add --email E --role R [--password-stdin] [storage]              create a dashboard user

Storage: --data-dir DIR (embedded SQLite, default .imscout/collector) or --database-url postgres://…
Exit codes: 0 success, 2 bad usage or invalid input, 1 any other failure.
`;

class UsageError extends Error {}

const storageOptions = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;

function storageFlags(values: { 'data-dir'?: string; 'database-url'?: string }) {
  return loadConfig({ dataDir: values['data-dir'], databaseUrl: values['database-url'] });
}

async function withDatabase<T>(
  values: { 'data-dir'?: string; 'database-url'?: string },
  run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const config = storageFlags(values);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await run(database);
  } finally {
    await database.db.destroy();
  }
}

function parseRole(value: string | undefined): Role {
  if (!value || !(roles as readonly string[]).includes(value))
    throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  return value as Role;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === '--version') {
      process.stdout.write(`${packageJson.version}\n`);
      return 0;
    }
    if (!command || command === '--help' || command === 'help') {
      process.stdout.write(usage);
      return command ? 0 : 2;
    }
    if (command === 'serve') {
      const { values } = parseArgs({
        args: [sub, ...rest].filter((a): a is string => a !== undefined),
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          workers: { type: 'string' },
          ...storageOptions,
        },
        strict: true,
      });
      await serve(
        loadConfig({
          port: values.port,
          host: values.host,
          dataDir: values['data-dir'],
          databaseUrl: values['database-url'],
        }),
      );
      return 0;
    }
    if (command === 'token' && sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: { role: { type: 'string' }, name: { type: 'string' }, ...storageOptions },
        strict: true,
      });
      const role = parseRole(values.role);
      if (!values.name) throw new UsageError('--name is required');
      const name = values.name;
      const { token } = await withDatabase(values, async ({ db }) => {
        const access = accessRepository(db, () => new Date());
        const created = await access.createApiToken(name, role);
        await access.audit('cli', 'token.create', created.id, { name, role });
        return created;
      });
      process.stdout.write(`${token}\n`);
      return 0;
    }
    if (command === 'enroll-secret' && sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, ...storageOptions },
        strict: true,
      });
      const { secret } = await withDatabase(values, async ({ db }) => {
        const created = await enrollmentRepository(db, () => new Date()).createSecret(
          values.name ?? 'default',
        );
        await accessRepository(db, () => new Date()).audit('cli', 'enroll-secret.create', created.id, {
          name: values.name ?? 'default',
        });
        return created;
      });
      process.stdout.write(`${secret}\n`);
      return 0;
    }
    if (command === 'user' && sub === 'add') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          role: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          ...storageOptions,
        },
        strict: true,
      });
      const role = parseRole(values.role);
      const email = values.email;
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
        throw new UsageError('--email must be an e-mail address');
      const password = values['password-stdin'] ? await readStdin() : undefined;
      if (password !== undefined && password.length < 12)
        throw new UsageError('the password must have at least 12 characters');
      await withDatabase(values, async ({ db }) => {
        const access = accessRepository(db, () => new Date());
        const { id } = await access.addUser(email, role, password);
        await access.audit('cli', 'user.add', id, { email, role });
      });
      process.stdout.write(`user ${email} added (${role})\n`);
      return 0;
    }
    throw new UsageError(
      `unknown command "${[command, sub].filter(Boolean).join(' ')}" (see imscout-collector --help)`,
    );
  } catch (error) {
    const usageLike =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`imscout-collector: ${(error as Error).message.split('\n')[0]}\n`);
    return usageLike ? 2 : 1;
  }
}
