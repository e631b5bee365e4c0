/**
 * What the shell is told at start: which config, which data folder, production or not.
 * Flags win over the environment, so a technician's command line overrides a unit file.
 */
export interface ShellOptions {
  /** Devtools off, shortcuts locked, window unclosable. Off only on request. */
  production: boolean;
  configFile?: string;
  dataDir?: string;
}

export function parseShellOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ShellOptions {
  const dev = argv.includes('--dev') || env.HALL_KIOSK_DEV === '1';
  return {
    production: !dev,
    configFile: flagValue(argv, '--config') ?? nonEmpty(env.HALL_KIOSK_CONFIG),
    dataDir: flagValue(argv, '--data') ?? nonEmpty(env.HALL_KIOSK_DATA),
  };
}

/** `--name value` or `--name=value`. Chromium's own switches in argv are simply not ours. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name) {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : undefined;
    }
    if (arg?.startsWith(`${name}=`)) return nonEmpty(arg.slice(name.length + 1));
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}
