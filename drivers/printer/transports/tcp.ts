/** TCP 9100 ("raw" / JetDirect): Ethernet receipt printers. */
import { connect, type Socket } from 'node:net';
import { LinkEvents, within, type PrinterLink } from './link.js';

export interface TcpLinkOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export function createTcpLink(options: TcpLinkOptions): PrinterLink {
  const events = new LinkEvents();
  let socket: Socket | undefined;
  const name = `tcp ${options.host}:${options.port}`;
  return {
    name,
    async open() {
      if (socket && !socket.destroyed) return;
      const s = connect({ host: options.host, port: options.port });
      s.setNoDelay(true);
      // A pulled network cable sends no FIN; keep-alive notices it eventually, status polls sooner.
      s.setKeepAlive(true, 5000);
      try {
        await within(
          new Promise<void>((resolve, reject) => {
            s.once('connect', resolve);
            s.once('error', reject);
          }),
          options.connectTimeoutMs ?? 3000,
          `connect to ${name}`,
        );
      } catch (error) {
        s.destroy();
        throw error;
      }
      s.on('error', () => undefined); // 'close' follows and carries the news
      s.on('data', (chunk: Buffer) => events.emitData(chunk));
      s.on('close', () => {
        if (socket === s) {
          socket = undefined;
          events.emitClose(`${name} closed`);
        }
      });
      socket = s;
    },
    isOpen: () => !!socket && !socket.destroyed,
    async write(bytes) {
      const s = socket;
      if (!s || s.destroyed) throw new Error(`${name} is not connected`);
      await within(
        new Promise<void>((resolve, reject) => s.write(bytes, (e) => (e ? reject(e) : resolve()))),
        options.writeTimeoutMs ?? 5000,
        `write to ${name}`,
      );
    },
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    async close() {
      const s = socket;
      socket = undefined;
      if (s && !s.destroyed) {
        await new Promise<void>((resolve) => {
          s.once('close', () => resolve());
          s.end();
          setTimeout(() => (s.destroy(), resolve()), 500).unref();
        });
      }
    },
  };
}
