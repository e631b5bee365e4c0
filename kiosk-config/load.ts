/**
 * Reading a config file: all of it is checked before any of it is used. A wrong file gives a
 * ConfigError listing each problem with the file, line, path, expected and found value.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Issue } from '../common/contract/contract.js';
import { issuePath, toIssues } from '../common/contract/zod-issues.js';
import { KioskConfig, isSecretPath } from './schema.js';

export interface ConfigIssue extends Issue {
  line?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(formatIssues(file, issues));
    this.name = 'ConfigError';
  }
}

/** One line per issue: `file:line  path: message (expected X, found Y)`. */
export function formatIssues(file: string, issues: ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const where = `${file}${i.line ? `:${i.line}` : ''}`;
    const detail = [
      i.expected ? `expected ${i.expected}` : '',
      i.found ? `found ${i.found}` : '',
    ].filter(Boolean);
    return `  ${where}  ${i.path}: ${i.message}${detail.length ? ` (${detail.join(', ')})` : ''}`;
  });
  return `config ${file} was refused and nothing of it applied:\n${lines.join('\n')}`;
}

export interface LoadedConfig {
  config: KioskConfig;
  /** The file it came from, or "(demo defaults)". */
  source: string;
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'no such file: check the --config path' : `cannot be read (${code})`;
    throw new ConfigError(file, [{ path: '(file)', message }]);
  }
  return { config: parseConfigText(text, file), source: file };
}

export function parseConfigText(text: string, file: string): KioskConfig {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new ConfigError(file, [
      {
        path: '(file)',
        message: 'unknown file type',
        expected: '.yaml, .yml or .json',
        found: basename(file),
      },
    ]);
  }
  const lines = new LineCounter();
  // YAML is a superset of JSON, so one parser gives line numbers for both.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: '(syntax)',
        message: e.message.split('\n')[0] ?? e.code,
        line: lines.linePos(e.pos[0]).line,
      })),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = KioskConfig.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  const described = toIssues(parsed.error, { isSecretPath });
  const issues = parsed.error.issues.map((zodIssue, n): ConfigIssue => {
    const line = lineOf(doc, lines, issuePath(zodIssue));
    return { ...described[n]!, ...(line ? { line } : {}) };
  });
  throw new ConfigError(file, issues);
}

/** The line of the deepest node that exists along the path. */
function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
