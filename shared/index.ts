// The one entry point of shared/: wire schemas, the catalog and the matcher. Pure: no Node APIs,
// no clock, no randomness, so agent, collector and dashboard can all import it.

export * from './agent-api-schema.ts';
export * from './alerts/alert-machine.ts';
export { builtInCatalog, parseCatalogBundle } from './catalog/builtin-catalog.ts';
export { type LintFinding, lintCatalog } from './catalog/catalog-lint.ts';
export { renderCatalogOverview } from './catalog/catalog-overview.ts';
export { catalogPathPatterns } from './catalog/catalog-path-patterns.ts';
export * from './catalog/catalog-schema.ts';
export { type DeviceStatus, deviceStatus, deviceStatuses } from './fleet/device-status.ts';
export * from './inventory-schema.ts';
export * from './matcher/index.ts';
export { effectivePolicy, type PolicyRule } from './policy/evaluate-policy.ts';
export {
  type ExceptionScope,
  exceptionScopes,
  type Judgement,
  judgeClient,
  type PolicyException,
} from './policy/judge-client.ts';
export { riskScore } from './policy/risk-score.ts';
export * from './scan-schema.ts';
export { describeIssue, formatIssuePath, formatIssues } from './validation-error.ts';
