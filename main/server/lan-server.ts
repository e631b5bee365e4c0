/**
 * The hall LAN server: the contract over HTTP (`POST /api/<method>`) and WebSocket (`/ws`),
 * and the renderer's pages, for counters, displays, other kiosks and any browser in the hall.
 */
import websocket from '@fastify/websocket';
import fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Core } from '../core/core.js';
import { ContractError, httpStatus, messages } from '../../common/contract/errors.js';
import { serveRenderer } from './pages.js';
import { queueMetrics } from './metrics.js';
import { metricsAccess } from './metrics-access.js';
import { RateLimiter } from './rate-limit.js';
import { handleSocket } from './socket.js';
import { envelopeOf, openConnection } from '../transport/peer.js';
import { HostError, listenError } from './listen.js';
import { capConnections, hostPart, ownNames, sameOrigin } from './guards.js';
import { clientErrorResponse, refusal, refusalText, routeRefusal } from './refusals.js';

export { HostError };
import { isMember } from '../hall-link/member.js';

export interface LanServerOptions {
  host: string;
  port: number;
  rendererDir: string;
}

export interface LanServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Big enough for any form a resident fills; small enough that nobody can exhaust memory. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function startLanServer(core: Core, options: LanServerOptions): Promise<LanServer> {
  const lan = core.config.lan;
  const app = fastify({
    bodyLimit: MAX_BODY_BYTES,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
    // Node checks its timeouts on this interval: a slow sender is cut close to its deadline.
    serverFactory: (handler) =>
      createServer(
        {
          headersTimeout: lan.headersTimeoutSeconds * 1000,
          requestTimeout: lan.requestTimeoutSeconds * 1000,
          keepAliveTimeout: 5000,
          connectionsCheckingInterval: 500,
        },
        handler,
      ),
    clientErrorHandler: (error, socket) => {
      if (socket.writable) socket.end(clientErrorResponse(error));
      else socket.destroy();
    },
    frameworkErrors: (_error, _req, reply) => {
      const r = refusal('BAD_REQUEST', refusalText.badUrl);
      void (reply as FastifyReply).code(r.status).send(r.body);
    },
  });
  capConnections(app.server, lan.maxConnectionsPerAddress, cutLogger(core));
  const sockets = trackSockets(app);
  guardNames(app, core.config.mode === 'demo' ? ownNames(options.host) : null);
  const perAddress = new RateLimiter(lan.ratePerAddress);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });
  await app.register(websocket, { options: { maxPayload: MAX_BODY_BYTES } });
  registerApi(app, core, perAddress);
  app.route({
    method: 'GET',
    url: '/ws',
    // A plain GET here is a client that forgot the upgrade: say so in the contract's shape.
    handler: (_req, reply) => {
      const r = refusal('BAD_REQUEST', refusalText.upgrade, 426);
      return reply.code(r.status).header('Upgrade', 'websocket').send(r.body);
    },
    wsHandler: (socket, req) => handleSocket(socket, req, core, perAddress),
  });
  app.get('/healthz', async () => ({ ok: true }));
  // ── queue: figures for the city's monitoring ──
  app.get('/metrics', async (req, reply) => {
    // A member holds no queue (its calls go to the hall node): its figures would all read 0.
    const hallNode = isMember(core.config) ? core.config.hallNode : undefined;
    if (hallNode) {
      const there = `${hallNode.url.replace(/\/$/, '')}/metrics`;
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(
          `本机是大厅成员机，不保存排队数据：请抓取大厅主机 ${there}\n` +
            `this machine is a hall member and holds no queue: scrape the hall node at ${there}\n`,
        );
    }
    const verdict = metricsAccess(
      core.config.queue.metrics.hashedToken,
      req.ip,
      req.headers.authorization,
    );
    if (!verdict.ok) {
      return reply
        .code(verdict.status)
        .header('WWW-Authenticate', 'Bearer realm="hall metrics"')
        .type('text/plain; charset=utf-8')
        .send(`${verdict.message['zh-CN']}\n${verdict.message.en}\n`);
    }
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(queueMetrics(core.queue));
  });
  serveRenderer(app, options.rendererDir);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw listenError(error as NodeJS.ErrnoException, options);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  core.log.info({ host: options.host, port }, 'LAN server listening');
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      closeWithin(app, sockets, CLOSE_GRACE_MS, (n) =>
        core.log.warn({ sockets: n }, 'LAN server: connections cut after the close grace'),
      ),
  };
}

/** How long a close waits for requests in flight before it cuts what is still open. */
const CLOSE_GRACE_MS = 2000;

/** Every socket the server accepted, upgraded WebSockets included (the server forgets those). */
function trackSockets(app: FastifyInstance): Set<Socket> {
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * Closing the hall node's server cuts every connection it had. Fastify's close waits for
 * requests in flight (bounded here by a grace) but may leave a half-sent request's socket or a
 * browser's idle keep-alive open on a server that no longer exists, where a page's next request
 * would wait for ever; after a restart on the same port, pages must meet the new server.
 */
async function closeWithin(
  app: FastifyInstance,
  sockets: Set<Socket>,
  graceMs: number,
  onCut: (count: number) => void,
): Promise<void> {
  const cut = () => {
    if (sockets.size > 0) onCut(sockets.size);
    for (const socket of sockets) socket.destroy();
  };
  const timer = setTimeout(cut, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
    cut();
  }
}

function registerApi(app: FastifyInstance, core: Core, perAddress: RateLimiter): void {
  const perClient = new RateLimiter(core.config.queue.rateLimit);
  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const credential = bearer(req.headers.authorization);
    if (!perClient.take(`${req.ip} ${credential ?? ''}`) || !perAddress.take(req.ip)) {
      const limited = new ContractError('RATE_LIMITED', messages.rateLimited);
      return reply.code(httpStatus.RATE_LIMITED).send({ ok: false, error: limited.body });
    }
    // One request is one connection to the RPC peer, carrying its own credential.
    const connection = openConnection(core, { transport: 'http', peer: req.ip, credential });
    const envelope = envelopeOf(await connection.answer(0, req.params.method, req.body));
    return reply.code(envelope.ok ? 200 : httpStatus[envelope.error.code]).send(envelope);
  });
  // Fastify's own refusals (bad JSON, too large, wrong media type) become typed errors too.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, req, reply) => {
    const r = routeRefusal(error);
    if (r.status >= 500) core.log.error({ err: error, url: req.url }, 'request failed');
    return reply.code(r.status).send(r.body);
  });
}

/**
 * On a demo host a loopback caller counts as this machine: only requests that name this host
 * are served. Everywhere, an API call from a browser page must come from this host's pages.
 */
function guardNames(app: FastifyInstance, names: Set<string> | null): void {
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host;
    if (names && !names.has(hostPart(host) ?? '')) {
      const r = refusal('FORBIDDEN', refusalText.notOurName);
      return reply.code(r.status).send(r.body);
    }
    if (req.url.startsWith('/api/') && !sameOrigin(req.headers.origin, host)) {
      const r = refusal('FORBIDDEN', refusalText.crossSite);
      return reply.code(r.status).send(r.body);
    }
  });
}

/** A cut connection is logged once a minute per address, not once per attempt. */
function cutLogger(core: Core): (address: string) => void {
  const last = new Map<string, number>();
  return (address) => {
    const now = Date.now();
    if (now - (last.get(address) ?? 0) < 60_000) return;
    if (last.size > 1000) last.clear();
    last.set(address, now);
    core.log.warn({ address }, 'LAN server: too many connections from one address, new ones cut');
  };
}

/** `Authorization: Bearer <token>` → the token, or null. */
function bearer(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/.exec(header ?? '');
  return match?.[1] ?? null;
}
