/**
 * A device token for a display or kiosk page opened in a browser: given once in the address
 * (`#/display?token=…`), then kept in this browser's storage and removed from the address bar.
 * Pages inside the app (IPC) and the demo on loopback need none.
 */
const KEY = 'hall-kiosk.deviceToken';

export function deviceToken(): string | null {
  const query = window.location.hash.split('?')[1] ?? '';
  const given = new URLSearchParams(query).get('token');
  if (given) {
    localStorage.setItem(KEY, given);
    history.replaceState(null, '', window.location.hash.split('?')[0] ?? '');
  }
  return localStorage.getItem(KEY);
}

export function saveDeviceToken(token: string): void {
  localStorage.setItem(KEY, token.trim());
}
