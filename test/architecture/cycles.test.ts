/**
 * No import cycles in the app's own code, type-only imports included: a cycle means two
 * modules are one module in two files, and the layers cannot be read from the folders.
 */
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../../scripts/import-graph.js';
import { paths } from '../../main/paths.js';

describe('import graph', () => {
  it('finds a planted cycle (the check can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('has no cycle in common, main, drivers, kiosk-config or the renderer', () => {
    const graph = importGraph(paths.root);
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(graph.size);
    expect(cycles(graph)).toEqual([]);
  });
});
