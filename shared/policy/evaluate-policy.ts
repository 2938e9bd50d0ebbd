import type { PolicyState } from '../catalog/catalog-schema.ts';

/** A decision on one client, for the whole fleet (`deviceGroup` '') or one device group. */
export type PolicyRule = {
  readonly client: string;
  readonly deviceGroup: string;
  readonly state: PolicyState;
};

const strictness: Record<PolicyState, number> = { sanctioned: 0, monitored: 1, unsanctioned: 2 };

/**
 * The policy for one client on one device: a rule for one of the device's groups overrides the
 * fleet-wide rule, which overrides the catalog's default. When the device's groups disagree, the
 * strictest wins, so adding a device to a group never loosens it by accident.
 */
export function effectivePolicy(options: {
  readonly client: string;
  readonly catalogDefault: PolicyState;
  readonly deviceGroups: readonly string[];
  readonly rules: readonly PolicyRule[];
}): PolicyState {
  const forClient = options.rules.filter((r) => r.client === options.client);
  const byGroup = forClient.filter(
    (r) => r.deviceGroup !== '' && options.deviceGroups.includes(r.deviceGroup),
  );
  if (byGroup.length > 0) {
    return byGroup.reduce<PolicyState>(
      (a, r) => (strictness[r.state] > strictness[a] ? r.state : a),
      'sanctioned',
    );
  }
  return forClient.find((r) => r.deviceGroup === '')?.state ?? options.catalogDefault;
}
