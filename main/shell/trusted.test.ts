import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAppUrl, isTrustedFrame } from './trusted.js';

describe('isTrustedFrame', () => {
  it.each([appEntryUrl, 'app://kiosk/', 'app://kiosk/index.html#/guide', 'app://kiosk/a/b.js?x=1'])(
    'trusts our own page %s',
    (url) => expect(isTrustedFrame(url)).toBe(true),
  );

  it.each([
    'app://kiosk.evil/index.html',
    'app://evil/index.html',
    'app://kiosk@evil/index.html',
    'app://user:pw@kiosk/index.html',
    'app://kiosk:81/index.html',
    'https://kiosk/index.html',
    'http://127.0.0.1:8080/',
    'file:///opt/hall-kiosk/dist/renderer/index.html',
    'data:text/html,<p>hi</p>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isTrustedFrame(url)).toBe(false));

  it('is the same rule as the navigation guard', () => {
    expect(isAppUrl('app://kiosk/x')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/x')).toBe(false);
  });
});
