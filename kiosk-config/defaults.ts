/** The embedded demo config: what `npm start` runs with no config file. */
import { demoQueueAccounts } from './queue.js';
import { KioskConfig } from './schema.js';

export function demoConfig(): KioskConfig {
  return KioskConfig.parse({
    mode: 'demo',
    hall: {
      id: 'demo-hall',
      name: { 'zh-CN': '示范街道便民服务中心', en: 'Demo Street-Office Service Hall' },
    },
    // Demo-only staff and device accounts (docs/queue.md); a real config lists its own.
    queue: demoQueueAccounts,
  });
}
