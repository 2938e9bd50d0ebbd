#!/usr/bin/env node
// Builds shared/catalog/bundle.json and docs/catalog.md from the per-client YAML files.
// --check: build in memory and fail if the schema or the lint fails, or the committed files differ.
// Files given as arguments: validate and lint only those (for authors), write nothing.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { lintCatalog } from '../shared/catalog/catalog-lint.ts';
import { renderCatalogOverview } from '../shared/catalog/catalog-overview.ts';
import {
  type CatalogBundle,
  type CatalogEntry,
  catalogEntrySchema,
} from '../shared/catalog/catalog-schema.ts';
import { formatIssues } from '../shared/validation-error.ts';

const root = join(import.meta.dirname, '..');
const catalogDir = join(root, 'shared/catalog');
const bundlePath = join(catalogDir, 'bundle.json');
const overviewPath = join(root, 'docs/catalog.md');

async function loadEntry(file: string): Promise<{ entry?: CatalogEntry; errors: string[] }> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'), { uniqueKeys: true });
  } catch (cause) {
    return { errors: [`${file}: not valid YAML: ${(cause as Error).message.split('\n')[0]}`] };
  }
  const result = catalogEntrySchema.safeParse(raw);
  if (!result.success)
    return { errors: formatIssues(result.error, raw, 20).map((line) => `${file}: ${line}`) };
  const expected = basename(file, '.yaml');
  if (result.data.id !== expected)
    return { errors: [`${file}: id "${result.data.id}" must equal the file name`] };
  return { entry: result.data, errors: [] };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => join(dir, n));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const only = args.filter((a) => !a.startsWith('--'));
  const files = only.length
    ? only
    : [
        ...(await yamlFiles(join(catalogDir, 'clients'))),
        ...(await yamlFiles(join(catalogDir, 'deprecated'))),
      ];

  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const loaded = await loadEntry(file);
    errors.push(...loaded.errors);
    if (loaded.entry) entries.push(loaded.entry);
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  for (const finding of lintCatalog(entries)) {
    const line = `${finding.entry}: ${finding.message}`;
    if (finding.level === 'error') errors.push(line);
    else if (!check) console.warn(`warning: ${line}`);
  }
  if (errors.length) {
    for (const line of errors) console.error(`error: ${line}`);
    return 1;
  }
  if (only.length) {
    console.log(`${entries.length} entries valid`);
    return 0;
  }

  const { version } = parse(await readFile(join(catalogDir, 'catalog.yaml'), 'utf8')) as { version: string };
  const bundle: CatalogBundle = {
    schema: 'imscout.catalog/v1',
    generatedBy: 'scripts/build-catalog.ts from shared/catalog/clients/*.yaml: do not edit',
    version: String(version),
    entries,
  };
  const bundleText = `${JSON.stringify(bundle, null, 1)}\n`;
  const overviewText = renderCatalogOverview(bundle);

  if (check) {
    const stale: string[] = [];
    if ((await readFile(bundlePath, 'utf8').catch(() => '')) !== bundleText) stale.push(bundlePath);
    if ((await readFile(overviewPath, 'utf8').catch(() => '')) !== overviewText) stale.push(overviewPath);
    if (stale.length) {
      console.error(
        `error: generated files are out of date (run npm run catalog:build): ${stale.join(', ')}`,
      );
      return 1;
    }
    return 0;
  }
  await writeFile(bundlePath, bundleText);
  await writeFile(overviewPath, overviewText);
  console.log(`catalog ${version}: ${entries.length} entries → ${bundlePath}, ${overviewPath}`);
  return 0;
}

process.exitCode = await main();
