/**
 * A core each for the kiosk and the platform simulator during a drain measurement. In the
 * field the city platform runs on its own machines; on a two-core box left to the scheduler,
 * the kiosk's work takes turns with the simulator's on both cores, so "the simulator's accept
 * rate" would move with whatever the kiosk does. Pinned, the simulator has one core to itself
 * on both sides of the comparison. Linux `taskset`; without it (or with one core) nothing is
 * pinned and the bench says so.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface Cores {
  /** The argv prefix that starts a command on the simulator's core. */
  platformPrefix: string[];
  /** Puts every thread of this process on the kiosk's core; returns the undo. */
  pinSelf(): () => void;
  label: string;
}

export function separateCores(): Cores | null {
  if (process.env.BENCH_PIN === '0' || availableParallelism() < 2) return null;
  if (spawnSync('taskset', ['-p', String(process.pid)]).status !== 0) return null;
  const taskset = (...args: string[]) => {
    const r = spawnSync('taskset', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`taskset ${args.join(' ')}: ${r.stderr.trim()}`);
  };
  const all = `0-${availableParallelism() - 1}`;
  return {
    platformPrefix: ['taskset', '-c', '1'],
    pinSelf() {
      taskset('-a', '-p', '-c', '0', String(process.pid));
      return () => taskset('-a', '-p', '-c', all, String(process.pid));
    },
    label: 'kiosk on core 0, simulator on core 1',
  };
}
