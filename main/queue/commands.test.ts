/** The command runner over a real SQLite store: the overnight rule, replay, and the print seam. */
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../kiosk-config/defaults.js';
import type { QueueChange } from '../../common/contract/queue.js';
import { tempStores } from '../../test/support/temp-store.js';
import { SimulatedTicketPrinter } from './printer.js';
import { QueueService } from './service.js';

const openTempStore = tempStores('queue-svc-');

// 2026-03-02 09:00 Shanghai; the queue day resets at 04:00 local (20:00 UTC).
let clock = Date.UTC(2026, 2, 2, 1, 0);
function service(dir?: string) {
  const { dir: data, store } = openTempStore(dir);
  const changes: QueueChange[] = [];
  const printer = new SimulatedTicketPrinter();
  const q = new QueueService({
    config: demoConfig(),
    db: store.db,
    printer,
    publish: (c) => changes.push(c),
    now: () => clock,
  });
  return { q, changes, printer, data, store };
}

describe('the queue commands', () => {
  it('the overnight rule: open tickets are closed in the old day, numbers restart, staff stay', async () => {
    clock = Date.UTC(2026, 2, 2, 1, 0);
    const { q, changes, store } = service();
    q.commands.run((now) => q.engine.signIn('c1', 'demo-staff', now));
    await q.issuing.issue({ serviceId: 'general' }, 'k');
    await q.issuing.issue({ serviceId: 'general' }, 'k');
    q.commands.run((now) => q.engine.call('c1', now));
    clock = Date.UTC(2026, 2, 2, 20, 0, 1); // 04:00:01 next morning
    q.commands.tick();
    q.commands.flush();
    const old = store.db
      .prepare(
        "SELECT type, json_extract(data, '$.reason') AS reason FROM queue_event WHERE day = '2026-03-02' AND type = 'cancelled'",
      )
      .all();
    expect(old).toEqual([
      { type: 'cancelled', reason: 'dayEnded' },
      { type: 'cancelled', reason: 'dayEnded' },
    ]);
    expect(q.engine.day).toBe('2026-03-03');
    expect(changes.at(-1)?.since).toBe(0);
    expect(q.reads.hallView().counters.find((c) => c.id === 'c1')).toMatchObject({
      state: 'open',
      current: null,
    });
    expect((await q.issuing.issue({ serviceId: 'general' }, 'k')).number).toBe('A001');
    expect(q.reports.figures('2026-03-02').hall).toMatchObject({ issued: 2, called: 1 });
  });

  it('a restart replays today: same view, same seq, and the print seam is used for every ticket', async () => {
    clock = Date.UTC(2026, 2, 2, 1, 0);
    const first = service();
    const receipt = await first.q.issuing.issue(
      { serviceId: 'social', birthDate: '1950-01-01' },
      'k',
    );
    expect(first.printer.printed).toEqual([
      expect.objectContaining({ number: 'B001', service: expect.any(Object), ahead: 0 }),
    ]);
    expect(receipt).toMatchObject({ number: 'B001', state: 'waiting', priority: ['elder'] });
    const view = first.q.reads.hallView();
    first.store.close();
    const again = service(first.data);
    expect(again.q.reads.hallView()).toEqual(view);
    expect(again.q.commands.seq).toBe(first.q.commands.seq);
  });
});
