/** Shared bits of the benchmarks: the machine line, a median, and the printed table. */
import { cpus, totalmem } from 'node:os';

export type Row = [what: string, measured: string, target: string, met: boolean];

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'cpu'} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(title: string, machineLine: string, rows: Row[]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 8));
  console.log(`\n## bench: ${title}\nmachine: ${machineLine}\n`);
  console.log(
    `| ${'what'.padEnd(widths[0]!)} | ${'measured'.padEnd(widths[1]!)} | ${'target'.padEnd(widths[2]!)} | met |`,
  );
  console.log(
    `|${'-'.repeat(widths[0]! + 2)}|${'-'.repeat(widths[1]! + 2)}|${'-'.repeat(widths[2]! + 2)}|-----|`,
  );
  for (const [what, measured, target, met] of rows) {
    console.log(
      `| ${what.padEnd(widths[0]!)} | ${measured.padEnd(widths[1]!)} | ${target.padEnd(widths[2]!)} | ${met ? 'yes' : 'NO'}  |`,
    );
  }
  if (rows.some((r) => !r[3])) process.exitCode = 1;
}
