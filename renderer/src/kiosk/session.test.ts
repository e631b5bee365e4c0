import { describe, expect, it, vi } from 'vitest';
import { freshResident, ResidentSession, type SessionEndReason } from './session.svelte.js';

const defaults = { language: 'zh-CN', elder: false } as const;

function session() {
  const ended: SessionEndReason[] = [];
  const s = new ResidentSession(defaults, (reason) => ended.push(reason));
  return { s, ended };
}

/** A resident who changed everything they can: language, elder mode, a service, an ID. */
function busy() {
  const made = session();
  const { s } = made;
  s.toggleLanguage();
  s.toggleElder();
  s.choose('caseQuery');
  s.enterIdByHand();
  s.setIdNumber('11010519491231002');
  return made;
}

describe('ResidentSession', () => {
  it('starts pristine, at home, in the defaults', () => {
    const { s } = session();
    expect(s.pristine).toBe(true);
    expect(s.snapshot()).toEqual(freshResident(defaults));
    expect(s.screen).toEqual({ name: 'home' });
  });

  it('walks tile → identify → keypad → service', () => {
    const { s } = session();
    s.choose('ticket');
    expect(s.screen).toEqual({ name: 'identify', tile: 'ticket' });
    s.enterIdByHand();
    expect(s.screen).toEqual({ name: 'idEntry', tile: 'ticket' });
    s.setIdNumber('11010519491231002');
    s.confirmId();
    expect(s.screen.name).toBe('idEntry'); // 17 characters: not yet
    s.setIdNumber('11010519491231002X');
    s.confirmId();
    expect(s.screen).toEqual({ name: 'service', tile: 'ticket' });
    expect(s.identified).toBe(true);
  });

  it('goes straight to the service for tiles that need no identity', () => {
    const { s } = session();
    s.choose('guide');
    expect(s.screen).toEqual({ name: 'service', tile: 'guide' });
  });

  it('idle end wipes everything the resident entered, chose or changed, then tells the core', () => {
    const { s, ended } = busy();
    expect(s.pristine).toBe(false);
    expect(s.language).toBe('en');
    expect(s.elder).toBe(true);
    expect(s.depth).toBe(3);

    s.end('idle');

    expect(s.snapshot()).toEqual(freshResident(defaults));
    expect(s.idNumber).toBe('');
    expect(s.service).toBeNull();
    expect(s.identified).toBe(false);
    expect(s.screen).toEqual({ name: 'home' });
    expect(s.language).toBe('zh-CN');
    expect(s.elder).toBe(false);
    expect(s.pristine).toBe(true);
    expect(ended).toEqual(['idle']);
  });

  it('wipes before it reports, so the report never sees resident data', () => {
    let seen: unknown;
    const s = new ResidentSession(defaults, () => (seen = s.snapshot()));
    s.choose('ticket');
    s.enterIdByHand();
    s.setIdNumber('110105');
    s.end('cancel');
    expect(seen).toEqual(freshResident(defaults));
  });

  it('returns to the configured defaults, not to zh-CN', () => {
    const onEnd = vi.fn();
    const s = new ResidentSession({ language: 'en', elder: true }, onEnd);
    s.toggleLanguage();
    s.toggleElder();
    s.end('cancel');
    expect(s.language).toBe('en');
    expect(s.elder).toBe(true);
    expect(onEnd).toHaveBeenCalledWith('cancel');
  });

  it('applies new defaults at once only while nobody is using the kiosk', () => {
    const { s } = session();
    s.setDefaults({ language: 'en', elder: true });
    expect(s.language).toBe('en');
    expect(s.elder).toBe(true);

    s.choose('rating');
    s.setDefaults({ language: 'zh-CN', elder: false });
    expect(s.language).toBe('en'); // the resident on screen keeps what they had
    s.end('done');
    expect(s.language).toBe('zh-CN');
  });

  it('back from the keypad drops what was typed; back to home is a cancel', () => {
    const { s, ended } = session();
    s.choose('caseSubmit');
    s.enterIdByHand();
    s.setIdNumber('1234');
    s.back();
    expect(s.screen.name).toBe('identify');
    expect(s.idNumber).toBe('');
    s.back();
    expect(s.screen).toEqual({ name: 'home' });
    expect(ended).toEqual(['cancel']);
  });
});
