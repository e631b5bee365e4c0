import { describe, expect, it } from 'vitest';
import { DayTally, dayFigures, figuresCsv } from './figures.js';
import type { QueueEvent } from './types.js';

const s = (n: number) => n * 1000;
const reserved = (id: number, at: number, serviceId = 'gen'): QueueEvent => ({
  type: 'reserved',
  at: s(at),
  ticketId: id,
  number: `A00${id}`,
  serviceId,
  priority: [],
  appointmentAt: null,
  deviceId: 'k',
});

describe('figures derive from the event log', () => {
  // One counter signed in at 0; ticket 1 printed at 10, called at 70, arrives at 100, done at
  // 400; ticket 2 printed at 20, called at 400 (counter never idle in between), no-show at 460;
  // ticket 3 printed at 30, called at 460, transferred at 500 to soc; the counter pauses at
  // 500–600 and is idle from 600 to the end (700).
  const log: QueueEvent[] = [
    { type: 'signedIn', at: 0, counterId: 'c1', staffId: 'x' },
    reserved(1, 10),
    { type: 'confirmed', at: s(10), ticketId: 1 },
    reserved(2, 20),
    { type: 'confirmed', at: s(20), ticketId: 2 },
    reserved(3, 30),
    { type: 'confirmed', at: s(30), ticketId: 3 },
    reserved(4, 40),
    { type: 'voided', at: s(41), ticketId: 4, reason: 'jam' },
    { type: 'called', at: s(70), ticketId: 1, counterId: 'c1', staffId: 'x' },
    { type: 'started', at: s(100), ticketId: 1, counterId: 'c1' },
    { type: 'finished', at: s(400), ticketId: 1, counterId: 'c1' },
    { type: 'called', at: s(400), ticketId: 2, counterId: 'c1', staffId: 'x' },
    { type: 'noShow', at: s(460), ticketId: 2, counterId: 'c1', auto: false },
    { type: 'called', at: s(460), ticketId: 3, counterId: 'c1', staffId: 'x' },
    {
      type: 'transferred',
      at: s(500),
      ticketId: 3,
      counterId: 'c1',
      toServiceId: 'soc',
      toCounterId: null,
    },
    { type: 'paused', at: s(500), counterId: 'c1', reason: '午休' },
    { type: 'resumed', at: s(600), counterId: 'c1' },
  ];
  const f = dayFigures(log, ['gen', 'soc'], ['c1'], s(700));

  it.each([
    ['issued (voided not counted)', f.hall.issued, 3],
    ['called', f.hall.called, 3],
    ['done', f.hall.done, 1],
    ['no-show', f.hall.noShow, 1],
    ['transferred', f.hall.transferred, 1],
    ['wait: (60 + 380 + 430) / 3', f.hall.waitAvgSeconds, 290],
    ['walk: only the one who arrived', f.hall.walkAvgSeconds, 30],
    ['service: 300', f.hall.serviceAvgSeconds, 300],
    ['idle: 0–70 and 600–700', f.counters[0]!.idleSeconds, 170],
    ['no-show rate per call', f.hall.noShowRate, 0.333],
    ['transfer rate per call', f.hall.transferRate, 0.333],
    ['the transfer counts for the service it left', f.services[0]!.transferred, 1],
  ])('%s', (_name, got, expected) => expect(got).toBe(expected));

  it('exports one CSV line per scope, safe for spreadsheets', () => {
    const csv = figuresCsv('2026-03-02', f).split('\r\n');
    expect(csv[0]).toBe(
      'day,scope,key,issued,called,done,noShow,transferred,waitAvgSeconds,walkAvgSeconds,serviceAvgSeconds,idleSeconds,noShowRate,transferRate',
    );
    expect(csv[1]).toBe('2026-03-02,hall,hall,3,3,1,1,1,290,30,300,0,0.333,0.333');
    expect(csv).toHaveLength(1 + 1 + 2 + 1 + 1);
  });

  it('the running tally agrees with a full recount after every event, and forgets closed tickets', () => {
    const tally = new DayTally(['gen', 'soc'], ['c1']);
    log.forEach((e, i) => {
      tally.apply(e);
      const until = e.at + 5000;
      expect(tally.figures(until)).toEqual(
        dayFigures(log.slice(0, i + 1), ['gen', 'soc'], ['c1'], until),
      );
    });
    // Ticket 1 done, 2 no-show, 4 voided: only the transferred ticket 3 is still open.
    expect(tally.openTickets).toBe(1);
    // Reading the figures twice changes nothing (open idle spans are not closed by a read).
    expect(tally.figures(s(700))).toEqual(tally.figures(s(700)));
    expect(tally.figures(s(700)).counters[0]!.idleSeconds).toBe(170);
  });
});
