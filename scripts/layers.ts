// `npx tsx scripts/layers.ts`: how the layers import one another, counted from the code (the
// table in docs/architecture.md is this output). A row imports from a column; a count in a
// column the row may not use is a layer violation, which lint refuses.
import { importGraph } from './import-graph.js';
import { paths } from '../main/paths.js';
import { capabilities } from '../eslint.config.js';

const transport = ['transport', 'server', 'shell', 'host'];

/** The layer a file belongs to, in the words of the architecture page. */
export function layerOf(file: string): string {
  const [top, sub] = file.split('/');
  if (top !== 'main') return top === 'renderer' ? 'renderer' : top!;
  if (capabilities.includes(sub!)) return 'main: capabilities';
  if (transport.includes(sub!)) return 'main: transports and hosts';
  return 'main: core and links';
}

const layers = [
  'common',
  'drivers',
  'kiosk-config',
  'main: capabilities',
  'main: core and links',
  'main: transports and hosts',
  'renderer',
];

export function layerCounts(): Map<string, Map<string, number>> {
  const counts = new Map(layers.map((l) => [l, new Map(layers.map((m) => [m, 0]))]));
  for (const [file, imports] of importGraph(paths.root)) {
    const from = counts.get(layerOf(file))!;
    for (const target of imports) {
      const to = layerOf(target);
      from.set(to, from.get(to)! + 1);
    }
  }
  return counts;
}

if (import.meta.filename === process.argv[1]) {
  const counts = layerCounts();
  console.log(`| imports → | ${layers.join(' | ')} |`);
  console.log(`|---|${layers.map(() => '---:').join('|')}|`);
  for (const row of layers) {
    const cells = layers.map((col) => String(counts.get(row)!.get(col)));
    console.log(`| **${row}** | ${cells.join(' | ')} |`);
  }
}
