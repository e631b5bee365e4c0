/** The embedded demo config: what `npm start` runs with no config file. */
import { KioskConfig } from './schema.js';

export function demoConfig(): KioskConfig {
  return KioskConfig.parse({
    mode: 'demo',
    hall: {
      id: 'demo-hall',
      name: { 'zh-CN': '示范街道便民服务中心', en: 'Demo Street-Office Service Hall' },
    },
  });
}
