import type { z } from 'zod';

/**
 * Turns zod issues into one-line messages that name the offending field the way a person would
 * write it (`processes[3].pid: expected a number, got a string`).
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (input === undefined) return 'nothing';
  const type = typeof input;
  return type === 'object' ? 'an object' : `a ${type}`;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A message for one issue, without the path. `root` is the whole input, to say what was found. */
export function describeIssue(issue: z.core.$ZodIssue, root?: unknown): string {
  if (issue.code === 'invalid_type') {
    return `expected ${article(issue.expected)}, got ${describeValue(valueAt(root, issue.path))}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/** One line per issue, `path: message`, first issues first. `root` is the input that was parsed. */
export function formatIssues(error: z.ZodError, root?: unknown, limit = 5): string[] {
  const lines = error.issues
    .slice(0, limit)
    .map((issue) => `${formatIssuePath(issue.path)}: ${describeIssue(issue, root)}`);
  if (error.issues.length > limit) lines.push(`… and ${error.issues.length - limit} more problems`);
  return lines;
}
