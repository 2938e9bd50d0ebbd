export { parseCidr, parseIp } from './ip-ranges.ts';
export { compileCatalog, type MatchIndex } from './match-index.ts';
export { matchInventory, maxEvidencePerFinding, scanSnapshot } from './match-inventory.ts';
export { baseName, compilePathPattern, normalizePath, patternToGlobs } from './path-pattern.ts';
