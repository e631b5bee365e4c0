/** The system and technician calls: the machine's own, answered by the core itself. */
import type { DevicePort } from '../../drivers/ports.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { redactSecrets } from '../../kiosk-config/schema.js';
import { checkCertificates, RENEW_WITHIN_DAYS } from '../../kiosk-config/certificates.js';
import type { Tile } from '../../common/contract/contract.js';
import { appVersion } from '../paths.js';
import { auditTail } from '../privacy/audit.js';
import { storeHealth, type Store } from '../store/store.js';
import type { Handlers } from '../../common/contract/call.js';

export interface SystemDeps {
  config: KioskConfig;
  configSource: string;
  store: Store;
  devices: DevicePort[];
  runtime: 'node' | 'electron';
  /** The resident's session ended: what the core held for them is dropped. */
  forgetResident(): void;
  now?: () => Date;
}

const tileOrder: Tile[] = ['ticket', 'caseQuery', 'guide', 'caseSubmit', 'rating'];

/** The machine's own calls: what it is, its settings and devices, the technician's views. */
export function systemHandlers(deps: SystemDeps): Partial<Handlers> {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const version = appVersion();
  const endSession = store.db.prepare('INSERT INTO kiosk_session (ended_at, reason) VALUES (?, ?)');
  return {
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
      deps.forgetResident();
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
