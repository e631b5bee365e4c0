/**
 * Turn zod issues into issues a person can act on: where, what was expected, what was found.
 * Shared by the transports (payloads) and by kiosk-config (config files).
 */
import type { z } from 'zod';
import type { Issue } from './contract.js';

export interface IssueOptions {
  /** Prefix for every path, e.g. `params` or the config file name. */
  root?: string;
  /** Return true for paths whose found value must never be shown (secrets). */
  isSecretPath?: (path: (string | number)[]) => boolean;
}

export function toIssues(
  error: { issues: readonly z.core.$ZodIssue[] },
  options: IssueOptions = {},
): Issue[] {
  return error.issues.map((issue) => toIssue(issue, options));
}

/** The path of an issue as segments; an unknown key's issue points at the key itself. */
export function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
    ? [...segments, issue.keys[0]]
    : segments;
}

function toIssue(issue: z.core.$ZodIssue, options: IssueOptions): Issue {
  const segments = issuePath(issue);
  const path = joinPath(options.root, segments);
  const out: Issue = { path, message: plainMessage(issue) };
  const expected = describeExpected(issue);
  if (expected) out.expected = expected;
  if ('input' in issue && issue.code !== 'unrecognized_keys') {
    out.found = options.isSecretPath?.(segments) ? '******' : describeFound(foundValue(issue));
  }
  return out;
}

/**
 * A discriminated union's bad tag arrives with the whole object as input and the tag's key as
 * the last path segment: show the tag's value, which is what the person got wrong.
 */
function foundValue(issue: z.core.$ZodIssue): unknown {
  const input = 'input' in issue ? issue.input : undefined;
  const key = issue.path.at(-1);
  if (
    issue.code === 'invalid_union' &&
    typeof key === 'string' &&
    input &&
    typeof input === 'object'
  ) {
    return key in input ? (input as Record<string, unknown>)[key] : input;
  }
  return input;
}

function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return 'input' in issue && issue.input === undefined ? 'is required' : 'has the wrong type';
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.length > 1
      ? `unknown keys ${issue.keys.join(', ')} (a typo?)`
      : 'unknown key (a typo?)';
  }
  return issue.message;
}

function joinPath(root: string | undefined, segments: (string | number)[]): string {
  let path = root ?? '';
  for (const s of segments) {
    path += typeof s === 'number' ? `[${s}]` : path ? `.${s}` : s;
  }
  return path || '(root)';
}

function describeExpected(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${issue.origin} ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.origin} ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `to match ${String(issue.pattern)}`
        : issue.format;
    case 'unrecognized_keys':
      return 'only the keys the schema lists';
    default:
      return undefined;
  }
}

/** A short, safe rendering of a found value (never more than 60 characters). */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
