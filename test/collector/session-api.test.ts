import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startTestCollector, type TestCollector } from './helpers/test-collector.ts';

describe.each(dialects)('dashboard sessions on %s', (dialect) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    await c.services.access.addUser('Help@Example.org', 'helpdesk', 'correct horse battery');
  });
  afterAll(() => c.close());

  const signIn = (email: string, password: string) =>
    c.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

  it('refuses a wrong password or an unknown user with the same answer', async () => {
    const wrong = await signIn('help@example.org', 'nope');
    const unknown = await signIn('who@example.org', 'nope');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with an HttpOnly, SameSite cookie and needs the CSRF header to change anything', async () => {
    const res = await signIn('help@example.org', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^imscout_session=[\w-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0] as string;
    const { csrfToken, role } = res.json();
    expect(role).toBe('helpdesk');

    expect(
      (await c.app.inject({ method: 'GET', url: '/api/v1/devices', headers: { cookie } })).statusCode,
    ).toBe(200);
    const noCsrf = await c.app.inject({
      method: 'PUT',
      url: '/api/v1/policy',
      headers: { cookie },
      payload: { client: 'slack', state: 'sanctioned' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error).toBe('csrf');
    // With the token the role decides: the help desk may not set policy …
    const policy = await c.app.inject({
      method: 'PUT',
      url: '/api/v1/policy',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { client: 'slack', state: 'sanctioned' },
    });
    expect(policy.json().error).toBe('forbidden');
    // … but may grant an exception.
    const exception = await c.app.inject({
      method: 'POST',
      url: '/api/v1/exceptions',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: {
        client: 'slack',
        scope: 'group',
        subject: 'sales',
        reason: 'pilot',
        expiresAt: '2027-01-01T00:00:00Z',
      },
    });
    expect(exception.statusCode).toBe(201);

    const out = await c.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await c.app.inject({ method: 'GET', url: '/api/v1/devices', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('ends sessions after their lifetime', async () => {
    const cookie = String(
      (await signIn('help@example.org', 'correct horse battery')).headers['set-cookie'],
    ).split(';')[0] as string;
    c.clock.now = new Date(c.clock.now.getTime() + 13 * 60 * 60_000);
    expect(
      (await c.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode,
    ).toBe(401);
  });
});
