/**
 * `/metrics` in the Prometheus text format, for the city's monitoring: today's queue figures
 * per service and counter, waiting counts and counter states. Numbers only, no personal data.
 */
import type { FigureRow } from '../../common/contract/queue.js';
import type { QueueService } from '../queue/service.js';

type Sample = [labels: Record<string, string>, value: number];

function family(name: string, help: string, type: 'gauge' | 'counter', samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
    lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
  }
  return lines.join('\n');
}

export function queueMetrics(queue: Pick<QueueService, 'reads' | 'reports'>): string {
  const f = queue.reports.figures();
  const view = queue.reads.hallView();
  const per = (rows: FigureRow[], label: string, pick: (r: FigureRow) => number): Sample[] =>
    rows.map((r) => [{ [label]: r.key }, pick(r)]);
  const out = [
    family(
      'hall_queue_tickets_issued_total',
      'Tickets issued today (print confirmed)',
      'counter',
      per(f.services, 'service', (r) => r.issued),
    ),
    family(
      'hall_queue_calls_total',
      'Calls today (each visit to a counter)',
      'counter',
      per(f.counters, 'counter', (r) => r.called),
    ),
    family(
      'hall_queue_done_total',
      'Tickets finished today',
      'counter',
      per(f.counters, 'counter', (r) => r.done),
    ),
    family(
      'hall_queue_no_show_total',
      'No-shows today',
      'counter',
      per(f.counters, 'counter', (r) => r.noShow),
    ),
    family(
      'hall_queue_transferred_total',
      'Transfers today',
      'counter',
      per(f.counters, 'counter', (r) => r.transferred),
    ),
    family(
      'hall_queue_wait_seconds_avg',
      'Average wait, issue to first call',
      'gauge',
      per(f.services, 'service', (r) => r.waitAvgSeconds),
    ),
    family(
      'hall_queue_walk_seconds_avg',
      'Average walk, call to start',
      'gauge',
      per(f.counters, 'counter', (r) => r.walkAvgSeconds),
    ),
    family(
      'hall_queue_service_seconds_avg',
      'Average service, start to finish',
      'gauge',
      per(f.counters, 'counter', (r) => r.serviceAvgSeconds),
    ),
    family(
      'hall_queue_idle_seconds_total',
      'Counter idle time today',
      'counter',
      per(f.counters, 'counter', (r) => r.idleSeconds),
    ),
    family(
      'hall_queue_waiting',
      'Tickets waiting now',
      'gauge',
      view.services.map((s) => [{ service: s.id }, s.waiting]),
    ),
    family(
      'hall_queue_counter_open',
      'Counter state now (1 for the state it is in)',
      'gauge',
      view.counters.map((c) => [{ counter: c.id, state: c.state }, 1]),
    ),
    family('hall_queue_events_total', 'Queue events today', 'counter', [[{}, view.seq]]),
    family('process_resident_memory_bytes', 'Resident memory of the hall node', 'gauge', [
      [{}, process.memoryUsage.rss()],
    ]),
    family('nodejs_heap_used_bytes', 'JavaScript heap in use', 'gauge', [
      [{}, process.memoryUsage().heapUsed],
    ]),
  ];
  return out.join('\n') + '\n';
}
