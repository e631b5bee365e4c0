/**
 * The technician's config tool.
 *
 *   kiosk-config validate FILE   check a config; print each problem with line, path, expected, found
 *   kiosk-config show FILE       print the effective config (defaults filled in, secrets masked)
 *   kiosk-config schema          print the JSON Schema (kiosk-config/schema.json is this output)
 *   kiosk-config profiles        list the example profiles
 *
 * Device checks (`doctor card`, `doctor printer`) arrive with their drivers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../main/paths.js';
import { ConfigError, loadConfigFile } from './load.js';
import { jsonSchema, redactSecrets } from './schema.js';
// doctor card (issue 3)
import { runDoctorCard } from './doctor/card.js';

const usage = `usage: kiosk-config <validate FILE | show FILE | schema | profiles>`;

export function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, file, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
      case 'show': {
        if (!file || rest.length) break;
        const { config } = loadConfigFile(file);
        out(
          command === 'show'
            ? JSON.stringify(redactSecrets(config), null, 2)
            : `${file}: ok (${config.role}, ${config.mode})`,
        );
        return 0;
      }
      case 'schema':
        if (file) break;
        out(JSON.stringify(jsonSchema(), null, 2));
        return 0;
      // ── doctor card (issue 3) ──
      case 'doctor':
        if (file !== 'card') break;
        // Reading a card takes time: the exit code arrives when the read is done.
        void runDoctorCard(rest, out, err).then(
          (code) => (process.exitCode = code),
          (error: unknown) => {
            err(`doctor card failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exitCode = 1;
          },
        );
        return 0;

      // ── doctor printer (issue 4) ──

      case 'profiles':
        if (file) break;
        for (const name of readdirSync(paths.profilesDir).sort())
          out(join(paths.profilesDir, name));
        return 0;
    }
    err(usage);
    return 64;
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 2;
    }
    throw error;
  }
}
