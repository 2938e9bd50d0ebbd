import type { PolicyState } from '../catalog/catalog-schema.ts';
import { effectivePolicy, type PolicyRule } from './evaluate-policy.ts';

export const exceptionScopes = ['device', 'user', 'group'] as const;
export type ExceptionScope = (typeof exceptionScopes)[number];

/** Permission for one client on one device, for one user, or for a device group, until it expires. */
export type PolicyException = {
  readonly client: string;
  readonly scope: ExceptionScope;
  readonly subject: string;
  /** ISO time. */
  readonly expiresAt: string;
};

export type Judgement =
  | { readonly alertable: true }
  | { readonly alertable: false; readonly cover: 'sanctioned' | 'exception' };

/**
 * Whether a client present on a device calls for an alert: only when the effective policy is
 * `unsanctioned` and no unexpired exception covers this device, one of its groups, or one of the
 * users it was seen with (user names compare case-insensitively, as Windows and macOS do).
 */
export function judgeClient(options: {
  readonly client: string;
  readonly catalogDefault: PolicyState;
  readonly deviceId: string;
  readonly deviceGroups: readonly string[];
  readonly users: readonly string[];
  readonly rules: readonly PolicyRule[];
  readonly exceptions: readonly PolicyException[];
  /** ISO time. */
  readonly now: string;
}): Judgement {
  const policy = effectivePolicy(options);
  if (policy !== 'unsanctioned') return { alertable: false, cover: 'sanctioned' };
  const users = new Set(options.users.map((u) => u.toLowerCase()));
  const covered = options.exceptions.some(
    (e) =>
      e.client === options.client &&
      e.expiresAt > options.now &&
      ((e.scope === 'device' && e.subject === options.deviceId) ||
        (e.scope === 'group' && options.deviceGroups.includes(e.subject)) ||
        (e.scope === 'user' && users.has(e.subject.toLowerCase()))),
  );
  return covered ? { alertable: false, cover: 'exception' } : { alertable: true };
}
