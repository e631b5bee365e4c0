/**
 * The technician's config tool.
 *
 *   kiosk-config validate FILE   check a config; print each problem with line, path, expected, found
 *   kiosk-config show FILE       print the effective config (defaults filled in, secrets masked)
 *   kiosk-config schema          print the JSON Schema (kiosk-config/schema.json is this output)
 *   kiosk-config profiles        list the example profiles
 *
 *   kiosk-config doctor card     list readers, wait for a card, print the masked identity (doctor/card.ts)
 *   kiosk-config doctor printer  printer status in words and a test page (see doctor/printer.ts)
 *   kiosk-config doctor hall     a member machine: is the hall node reachable, does it accept the token
 *   kiosk-config doctor platform FILE   the mutual-TLS files: valid, matching, days left
 *   kiosk-config device revoke ID --hall URL   end a device's token on the hall node (device.ts)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../paths.js';
import { doctorPrinter } from './doctor/printer.js';
import { ConfigError, loadConfigFile } from '../../kiosk-config/load.js';
import { jsonSchema, redactSecrets } from '../../kiosk-config/schema.js';
// doctor card
import { runDoctorCard } from './doctor/card.js';
import { doctorHall } from './doctor/hall.js'; // hall-link
import { runDevice } from './device.js';
import { checkCertificates } from '../../kiosk-config/certificates.js';
import { doctorPlatform } from './doctor/platform.js';

const usage = `usage: kiosk-config <validate FILE | show FILE | schema | profiles | doctor card … | doctor printer … | doctor hall … | doctor platform FILE | device revoke …>`;

export function runCli(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  env: Record<string, string | undefined> = process.env,
): number | Promise<number> {
  const [command, file, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
      case 'show': {
        if (!file || rest.length) break;
        const { config } = loadConfigFile(file);
        if (command === 'show') {
          out(JSON.stringify(redactSecrets(config), null, 2));
          return 0;
        }
        const certs = checkCertificates(config.platform);
        if (certs.issues.length > 0) throw new ConfigError(file, certs.issues);
        out(`${file}: ok (${config.role}, ${config.mode})`);
        for (const warning of certs.warnings) out(`warning: ${warning}`);
        return 0;
      }
      case 'schema':
        if (file) break;
        out(JSON.stringify(jsonSchema(), null, 2));
        return 0;
      // ── doctor card, doctor printer ──
      case 'doctor':
        if (file === 'card') {
          return runDoctorCard(rest, out, err).catch((error: unknown) => {
            err(`doctor card failed: ${error instanceof Error ? error.message : String(error)}`);
            return 1;
          });
        }
        if (file === 'printer') return doctorPrinter(rest, out, err);
        if (file === 'hall') return doctorHall(rest, out, err);
        if (file === 'platform') return doctorPlatform(rest, out, err);
        break;

      case 'device':
        return runDevice([file ?? '', ...rest], out, err, env);

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
