import { readFileSync } from 'node:fs';

/** A recorded command output from test/fixtures/<os>/, decoded as the provider decodes it (UTF-8). */
export function fixture(os: 'darwin' | 'win32', name: string): string {
  return readFileSync(new URL(`../../../fixtures/${os}/${name}`, import.meta.url), 'utf8');
}
