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

/** A message for one issue, without the path. */
export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): string {
  if (issue.code === 'invalid_type') {
    const got =
      input === undefined && issue.input === undefined ? 'nothing' : describeValue(issue.input ?? input);
    return `expected ${article(issue.expected)}, got ${got}`;
  }
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** One line per issue, `path: message`, first issues first. */
export function formatIssues(error: z.ZodError, limit = 5): string[] {
  const lines = error.issues
    .slice(0, limit)
    .map((issue) => `${formatIssuePath(issue.path)}: ${describeIssue(issue)}`);
  if (error.issues.length > limit) lines.push(`… and ${error.issues.length - limit} more problems`);
  return lines;
}
