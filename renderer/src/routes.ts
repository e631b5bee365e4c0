/**
 * Hash routes, so one static build serves every role from any base URL (app://kiosk/ or
 * http://hall-node/): #/ kiosk home, #/counter, #/display, #/technician.
 */
export type Route = 'kiosk' | 'counter' | 'display' | 'technician';

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  if (path === 'counter' || path === 'display' || path === 'technician') return path;
  return 'kiosk';
}
