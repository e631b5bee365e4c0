import { describe, expect, it } from 'vitest';
import { freshResident, ResidentSession } from '../session.svelte.js';
import { hallTime } from './hall-time.js';

const defaults = { language: 'zh-CN', elder: false } as const;

describe('预约签到 in the resident session', () => {
  it('opens only from 取号 after the resident is identified, and goes back to it', () => {
    const s = new ResidentSession(defaults, () => {});
    s.choose('ticket');
    s.openAppointments();
    expect(s.screen).toEqual({ name: 'identify', tile: 'ticket' });
    s.enterIdByHand();
    s.setIdNumber('11010519491231002X');
    s.confirmId();
    s.openAppointments();
    expect(s.screen).toEqual({ name: 'appointment' });
    s.back();
    expect(s.screen).toEqual({ name: 'service', tile: 'ticket' });
  });

  it('is not reachable from another service', () => {
    const s = new ResidentSession(defaults, () => {});
    s.choose('guide');
    s.openAppointments();
    expect(s.screen).toEqual({ name: 'service', tile: 'guide' });
  });

  it('is wiped with the session, identity included', () => {
    const ended: string[] = [];
    const s = new ResidentSession(defaults, (r) => ended.push(r));
    s.choose('ticket');
    s.enterIdByHand();
    s.setIdNumber('11010519491231002X');
    s.confirmId();
    s.openAppointments();
    s.end('done');
    expect(s.snapshot()).toEqual(freshResident(defaults));
    expect(ended).toEqual(['done']);
  });
});

describe('hall time', () => {
  it.each([
    ['2026-11-28T01:30:00.000Z', 'Asia/Shanghai', '09:30'],
    ['2026-11-28T16:05:00.000Z', 'Asia/Shanghai', '00:05'],
    ['2026-11-28T01:30:00.000Z', 'Asia/Urumqi', '07:30'],
  ])('%s in %s is %s', (iso, zone, want) => {
    expect(hallTime(iso, zone)).toBe(want);
  });
});
