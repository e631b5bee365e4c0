/** The core's answer to every call in the contract. */
import type { DevicePort } from '../../drivers/ports.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { redactSecrets } from '../../kiosk-config/schema.js';
import { checkCertificates, RENEW_WITHIN_DAYS } from '../../kiosk-config/certificates.js';
import type { Tile } from '../../common/contract/contract.js';
import { appVersion } from '../paths.js';
import { auditTail } from '../privacy/audit.js';
import { storeHealth, type Store } from '../store/store.js';
import type { Handlers } from '../../common/contract/call.js';
import { printingHandlers } from '../print/handlers.js';
import type { PrintService } from '../print/service.js';
import { identityHandlers } from '../identity/handlers.js';
import { behindCardCheck } from '../identity/card-holder.js';
import type { IdentityService } from '../identity/service.js';
import type { QueueService } from '../queue/service.js';
import type { createCaseHandlers } from '../case/handlers.js';
import { composeHandlers, type HandlerPart } from './compose.js';

export interface HandlerDeps {
  config: KioskConfig;
  configSource: string;
  store: Store;
  devices: DevicePort[];
  runtime: 'node' | 'electron';
  now?: () => Date;

  // ── identity ──
  identity: IdentityService;

  // ── printing ──
  /** Tests may hand in their own; otherwise printServiceFor(deps) makes the core's one. */
  print?: PrintService;

  // ── queue ──
  queue: QueueService;
  /**
   * The queue's channel and the hall link's status: on the hall node its own queue, its
   * appointments and a link that is none; on a member, the forwarding link (hall-link/member.ts).
   */
  queueChannel: readonly HandlerPart[];

  // ── cases, outbox ──
  caseHandlers: ReturnType<typeof createCaseHandlers>;
}

const tileOrder: Tile[] = ['ticket', 'caseQuery', 'guide', 'caseSubmit', 'rating'];

export function createHandlers(deps: HandlerDeps): Handlers {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const version = appVersion();
  const endSession = store.db.prepare('INSERT INTO kiosk_session (ended_at, reason) VALUES (?, ?)');
  const system: Partial<Handlers> = {
    'system.info': () => ({
      product: 'hall-kiosk',
      version,
      role: config.role,
      demo: config.mode === 'demo',
      hallId: config.hall.id,
      hallName: config.hall.name,
      serverTime: now().toISOString(),
      runtime: deps.runtime,
    }),
    'system.ping': ({ nonce }) => ({ nonce, serverTime: now().toISOString() }),
    'kiosk.settings': () => ({
      hallName: config.hall.name,
      timeZone: config.hall.timezone,
      demo: config.mode === 'demo',
      defaultLanguage: config.kiosk.defaultLanguage,
      tiles: tileOrder.map((id) => ({ id, enabled: config.kiosk.tiles[id] })),
      idle: config.kiosk.idle,
      elderModeDefault: config.kiosk.elderModeDefault,
    }),
    'kiosk.endSession': ({ reason }) => {
      const endedAt = now().toISOString();
      endSession.run(endedAt, reason);
      deps.identity.forget();
      return { endedAt };
    },
    'devices.status': () => deps.devices.map((d) => d.status()),
    'technician.config': () => ({
      source: deps.configSource,
      config: redactSecrets(config) as Record<string, unknown>,
    }),
    'technician.store': () => storeHealth(store),
    'technician.certificates': () => certificatesView(config.platform, now()),
    'technician.audit': ({ limit }) => auditTail(store.db, limit ?? 100),
  };
  const handlers = composeHandlers([
    ['system and technician', system],
    ['identity', identityHandlers(deps.identity)],
    ['printing', printingHandlers(deps)],
    ...deps.queueChannel,
    ['cases and outbox', deps.caseHandlers],
  ]);
  // A resident's cases and appointments open only to their card, read by this machine.
  return behindCardCheck(handlers, () => deps.identity.held());
}

/** The technician page's view of the platform's certificates, checked now. */
function certificatesView(platform: KioskConfig['platform'], at: Date) {
  const check = checkCertificates(platform, at);
  return {
    renewWithinDays: RENEW_WITHIN_DAYS,
    certificates: check.reports,
    warnings: check.warnings,
    problems: check.issues.map((i) => `${i.path}: ${i.message}`),
  };
}
