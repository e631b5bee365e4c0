// The app's import graph as its own code draws it: every relative import of every source file
// (type-only imports included), read with TypeScript's pre-processor; Svelte components by their
// scripts. Used by the architecture tests and by `npx tsx scripts/layers.ts`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const sourceRoots: readonly string[] = [
  'common',
  'main',
  'drivers',
  'kiosk-config',
  'renderer/src',
];

function sources(root: string, tops: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(file);
    }
  };
  tops.forEach((top) => walk(join(root, top)));
  return out;
}

function importsOf(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.svelte')) {
    text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  }
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .map((target) =>
      [target, target.replace(/\.js$/, '.ts'), `${target}.ts`].find(
        (c) => existsSync(c) && statSync(c).isFile(),
      ),
    )
    .filter((t): t is string => t !== undefined);
}

/** file (relative to root) → the files it imports (relative to root). */
export function importGraph(root: string, tops = sourceRoots): Map<string, string[]> {
  const rel = (f: string) => relative(root, f);
  return new Map(sources(root, tops).map((f) => [rel(f), importsOf(f).map(rel)]));
}

/** Strongly connected components with more than one member (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}
