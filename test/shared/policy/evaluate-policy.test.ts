import { describe, expect, it } from 'vitest';
import { effectivePolicy, type PolicyRule } from '../../../shared/index.ts';

const rules: PolicyRule[] = [
  { client: 'slack', deviceGroup: '', state: 'sanctioned' },
  { client: 'slack', deviceGroup: 'contractors', state: 'unsanctioned' },
  { client: 'zoom', deviceGroup: 'sales', state: 'sanctioned' },
  { client: 'zoom', deviceGroup: 'finance', state: 'monitored' },
];
const policy = (client: string, deviceGroups: string[], catalogDefault = 'unsanctioned' as const) =>
  effectivePolicy({ client, catalogDefault, deviceGroups, rules });

describe('effectivePolicy', () => {
  it('falls back to the catalog default', () => {
    expect(policy('telegram', ['sales'])).toBe('unsanctioned');
  });
  it('lets a fleet-wide rule override the default', () => {
    expect(policy('slack', [])).toBe('sanctioned');
  });
  it('lets a group rule override the fleet-wide rule', () => {
    expect(policy('slack', ['contractors'])).toBe('unsanctioned');
  });
  it('takes the strictest rule when groups disagree', () => {
    expect(policy('zoom', ['sales', 'finance'])).toBe('monitored');
    expect(policy('zoom', ['sales'])).toBe('sanctioned');
  });
});
