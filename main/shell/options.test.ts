import { describe, expect, it } from 'vitest';
import { parseShellOptions } from './options.js';

const exe = ['/opt/hall-kiosk/hall-kiosk'];

describe('parseShellOptions', () => {
  it('is production with no config or data unless told otherwise', () => {
    expect(parseShellOptions(exe, {})).toEqual({
      production: true,
      configFile: undefined,
      dataDir: undefined,
    });
  });

  it('is development with --dev or HALL_KIOSK_DEV=1, and only then', () => {
    expect(parseShellOptions([...exe, '--dev'], {}).production).toBe(false);
    expect(parseShellOptions(exe, { HALL_KIOSK_DEV: '1' }).production).toBe(false);
    expect(parseShellOptions(exe, { HALL_KIOSK_DEV: '0' }).production).toBe(true);
    expect(parseShellOptions(exe, { HALL_KIOSK_DEV: 'true' }).production).toBe(true);
    expect(parseShellOptions([...exe, '--development'], {}).production).toBe(true);
  });

  it('reads --config and --data in both spellings', () => {
    expect(
      parseShellOptions(
        [...exe, '--config', '/etc/hall-kiosk/config.yaml', '--data=/var/lib/hall-kiosk'],
        {},
      ),
    ).toMatchObject({ configFile: '/etc/hall-kiosk/config.yaml', dataDir: '/var/lib/hall-kiosk' });
  });

  it('ignores Chromium switches and a flag with no value', () => {
    expect(
      parseShellOptions(
        ['electron', '.', '--no-sandbox', '--config', '--dev', '--enable-logging'],
        {},
      ),
    ).toEqual({ production: false, configFile: undefined, dataDir: undefined });
  });

  it('falls back to the environment, and flags win over it', () => {
    const env = { HALL_KIOSK_CONFIG: '/env/config.yaml', HALL_KIOSK_DATA: '/env/data' };
    expect(parseShellOptions(exe, env)).toMatchObject({
      configFile: '/env/config.yaml',
      dataDir: '/env/data',
    });
    expect(parseShellOptions([...exe, '--data', '/flag/data'], env)).toMatchObject({
      configFile: '/env/config.yaml',
      dataDir: '/flag/data',
    });
    expect(parseShellOptions(exe, { HALL_KIOSK_CONFIG: '' }).configFile).toBeUndefined();
  });
});
