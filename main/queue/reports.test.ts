/** The day's figures over the command runner and a real SQLite store, across a day roll. */
import { expect, it } from 'vitest';
import { demoConfig } from '../../kiosk-config/defaults.js';
import { tempStores } from '../../test/support/temp-store.js';
import { QueueCommands } from './commands.js';
import { QueueReports } from './reports.js';

const openTempStore = tempStores('queue-reports-');

it("lists today before its first event, and a rolled day's figures come from its log", () => {
  // 2026-03-02 09:00 Shanghai; the queue day resets at 04:00 local (20:00 UTC).
  let clock = Date.UTC(2026, 2, 2, 1, 0);
  const { store } = openTempStore();
  const commands = new QueueCommands({
    config: demoConfig(),
    db: store.db,
    publish: () => {},
    now: () => clock,
  });
  const reports = new QueueReports(commands);
  expect(reports.figures()).toMatchObject({ day: '2026-03-02', days: ['2026-03-02'] });
  const { engine } = commands;
  commands.run((now) => engine.reserve({ serviceId: 'general', deviceId: 'k' }, now));
  commands.run((now) => engine.confirm(1, now));
  expect(reports.figures().hall).toMatchObject({ issued: 1 });
  clock = Date.UTC(2026, 2, 2, 20, 0, 1); // 04:00:01 next morning
  commands.tick();
  expect(reports.figures()).toMatchObject({
    day: '2026-03-03',
    days: ['2026-03-02', '2026-03-03'],
    hall: { issued: 0 },
  });
  expect(reports.figures('2026-03-02')).toMatchObject({ day: '2026-03-02', hall: { issued: 1 } });
  expect(reports.csv('2026-03-02').filename).toBe('queue-figures-2026-03-02.csv');
});
