/**
 * `kiosk-config doctor platform FILE`: the platform's mutual-TLS files as the host will meet
 * them, one line each with its subject and days left, then what is wrong or due soon.
 * Exit 0 when the host would start (warnings included), 1 when it would refuse.
 */
import { checkCertificates } from '../../../kiosk-config/certificates.js';
import { loadConfigFile } from '../../../kiosk-config/load.js';

export function doctorPlatform(args: string[], out: (s: string) => void, err: (s: string) => void) {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    err('usage: kiosk-config doctor platform FILE');
    return 64;
  }
  const { config } = loadConfigFile(file);
  if (!config.platform.url) {
    out(`${file}: no platform.url: the demo simulator is used, no certificates to check`);
    return 0;
  }
  const check = checkCertificates(config.platform);
  for (const r of check.reports) {
    out(
      `${r.field}  ${r.file}  ${r.subject}  until ${r.validTo.slice(0, 10)} (${r.daysLeft} days)  ${r.state}`,
    );
  }
  for (const warning of check.warnings) out(`warning: ${warning}`);
  for (const issue of check.issues) err(`error: ${issue.path}: ${issue.message}`);
  return check.issues.length > 0 ? 1 : 0;
}
