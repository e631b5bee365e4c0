/**
 * Listening on the hall LAN: the refusals a technician can act on, and a probe that checks a
 * port is free before the core opens its data folder, so a host that cannot serve leaves the
 * folder untouched.
 */
import { createServer } from 'node:net';

export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

export interface ListenAt {
  host: string;
  port: number;
}

export function listenError(error: NodeJS.ErrnoException, at: ListenAt): HostError {
  const where = `port ${at.port} on ${at.host}`;
  if (error.code === 'EADDRINUSE') {
    return new HostError(`${where} is in use by another program: stop it or pass --port N`);
  }
  if (error.code === 'EACCES') {
    return new HostError(`${where} needs privileges this user lacks: pass --port above 1024`);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new HostError(
      `${at.host} is not an address of this machine: fix lan.host in the config`,
    );
  }
  return new HostError(`cannot listen on ${where}: ${error.message}`);
}

/** Listens on the address for a moment and lets go; refuses as the server would. */
export function probePort(at: ListenAt): Promise<void> {
  if (at.port === 0) return Promise.resolve(); // any free port: nothing to check
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, at)));
    probe.listen({ host: at.host, port: at.port, exclusive: true }, () =>
      probe.close(() => resolve()),
    );
  });
}
