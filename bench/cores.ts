/**
 * A core each for the kiosk and the platform simulator during a drain measurement. In the
 * field the city platform runs on its own machines; on a two-core box left to the scheduler,
 * the kiosk's work takes turns with the simulator's on both cores, so "the simulator's accept
 * rate" would move with whatever the kiosk does. Pinned, the simulator has one core to itself
 * on both sides of the comparison. Linux `taskset`; without it (or with one core) nothing is
 * pinned and the bench says so.
 */
import { spawnSync } from 'node:child_process';

export interface Cores {
  /** The argv prefix that starts a command on the simulator's core. */
  platformPrefix: string[];
  /** Puts every thread of this process on the kiosk's core; returns the undo. */
  pinSelf(): () => void;
  label: string;
}

export function separateCores(): Cores | null {
  if (process.env.BENCH_PIN === '0') return null;
  // This process's allowed cores as taskset lists them ("… current affinity list: 0-3,6").
  const now = spawnSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' });
  const list = now.status === 0 ? /list:\s*(\S+)/.exec(now.stdout)?.[1] : undefined;
  const cpus = list ? expand(list) : [];
  if (!list || cpus.length < 2) return null;
  const [kiosk, platform] = cpus as [number, number];
  const taskset = (...args: string[]) => {
    const r = spawnSync('taskset', args, { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`taskset ${args.join(' ')}: ${r.stderr.trim()} (BENCH_PIN=0 runs unpinned)`);
  };
  return {
    platformPrefix: ['taskset', '-c', String(platform)],
    pinSelf() {
      taskset('-a', '-cp', String(kiosk), String(process.pid));
      return () => taskset('-a', '-cp', list, String(process.pid));
    },
    label: `kiosk on core ${kiosk}, simulator on core ${platform}`,
  };
}

/** "0-2,5" → [0, 1, 2, 5] */
function expand(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    return Array.from({ length: to! - from + 1 }, (_, i) => from + i);
  });
}
