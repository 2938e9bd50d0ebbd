#!/usr/bin/env node
// Fails when an import crosses the architecture's lines (docs/architecture.md):
// shared/ imports nothing from the repo and no Node API; agent/, collector/ and dashboard/ import
// shared/ only through its entry point and never each other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const parts = ['shared', 'agent', 'collector', 'dashboard'] as const;
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const partOf = (path: string) => parts.find((p) => relative(root, path).startsWith(`${p}/`));
const problems: string[] = [];
for (const part of parts) {
  let files: string[];
  try {
    files = [...sourceFiles(join(root, part))];
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = (match[1] ?? match[2]) as string;
      const where = `${relative(root, file)}: imports "${spec}"`;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const targetPart = partOf(target);
        if (part === 'shared' && targetPart !== 'shared' && !target.endsWith('package.json'))
          problems.push(`${where} (shared/ imports nothing outside shared/)`);
        else if (part !== 'shared' && targetPart && targetPart !== part) {
          if (targetPart !== 'shared') problems.push(`${where} (${part}/ never imports ${targetPart}/)`);
          else if (relative(root, target) !== 'shared/index.ts')
            problems.push(`${where} (import shared/ through shared/index.ts)`);
        }
      } else if (
        part === 'shared' &&
        (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(spec))
      ) {
        problems.push(`${where} (shared/ uses no Node API)`);
      }
    }
  }
}
if (problems.length) {
  for (const p of problems) console.error(`layering: ${p}`);
  process.exitCode = 1;
}
