/**
 * What the LAN server checks before any route runs: how many connections one address holds,
 * and, on a demo host where loopback counts as this machine, that a request names this host
 * (a page on another site whose name was pointed at 127.0.0.1 sends its own name).
 */
import { hostname, networkInterfaces } from 'node:os';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Cuts a new connection from an address that already holds `max`. */
export function capConnections(server: Server, max: number, onCut: (address: string) => void) {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      onCut(address);
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** The names a request may give for this host: loopback, its host name, its addresses. */
export function ownNames(listenHost: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname().toLowerCase()]);
  if (listenHost !== '0.0.0.0' && listenHost !== '::') names.add(listenHost.toLowerCase());
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) names.add(a.address.toLowerCase());
  }
  return names;
}

/** The host part of a Host header (`name:port`, `[v6]:port`), lower case. */
export function hostPart(header: string | undefined): string | null {
  if (!header) return null;
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (v6) return v6[1]!.toLowerCase();
  const plain = /^([^:]+)(?::\d+)?$/.exec(header);
  return plain ? plain[1]!.toLowerCase() : null;
}

/** No Origin is not a browser page; one that is must be this host's own. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
