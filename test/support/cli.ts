/** Runs the technician's config tool in-process and keeps what it printed, for tests. */
import { runCli } from '../../main/technician/cli.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runConfigCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
