/**
 * Our one origin. The kiosk page is served from app://kiosk/ (protocol.ts), never from file://
 * or http://, so "is this our page?" is a single exact comparison used by the navigation
 * guards and by the IPC trust check alike.
 */
export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * True only for app://kiosk/… exactly. Parsed rather than prefix-matched, so look-alikes such
 * as app://kiosk.evil/, app://kiosk@evil/ or app://kiosk:81/ are refused.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** For serveIpc: only a frame showing our own page may call the core. */
export function isTrustedFrame(url: string): boolean {
  return isAppUrl(url);
}
