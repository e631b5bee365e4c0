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

export function toIssues(error: z.ZodError, options: IssueOptions = {}): Issue[] {
  return error.issues.map((issue) => toIssue(issue, options));
}

function toIssue(issue: z.core.$ZodIssue, options: IssueOptions): Issue {
  const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const path = joinPath(options.root, segments);
  const out: Issue = { path, message: issue.message };
  const expected = describeExpected(issue);
  if (expected) out.expected = expected;
  if ('input' in issue && issue.code !== 'unrecognized_keys') {
    out.found = options.isSecretPath?.(segments) ? '******' : describeFound(issue.input);
  }
  return out;
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
      return issue.format;
    case 'unrecognized_keys':
      return `no key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
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
