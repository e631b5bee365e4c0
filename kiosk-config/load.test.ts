import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfig } from './defaults.js';
import { ConfigError, loadConfigFile, type ConfigIssue } from './load.js';
import { jsonSchema, redactSecrets } from './schema.js';

const profilesDir = join(import.meta.dirname, 'profiles');

const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
const base = `hall:\n  id: test-hall\n  name: { zh-CN: 测试大厅, en: Test hall }\n`;

function refusal(name: string, text: string): { error: ConfigError; issues: ConfigIssue[] } {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadConfigFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { error: error as ConfigError, issues: (error as ConfigError).issues };
  }
  throw new Error(`${name} was accepted`);
}

describe('example profiles', () => {
  const profiles = readdirSync(profilesDir).filter((f) => f.endsWith('.yaml'));

  it('cover every role', () => {
    const roles = profiles.map((f) => loadConfigFile(join(profilesDir, f)).config.role);
    expect(new Set(roles)).toEqual(new Set(['hall-node', 'kiosk', 'counter', 'display']));
  });

  it.each(profiles)('%s loads', (file) => {
    const { config } = loadConfigFile(join(profilesDir, file));
    expect(config.hall.name['zh-CN'].length).toBeGreaterThan(0);
  });
});

describe('a wrong file is refused with file, line, path, expected and found', () => {
  const cases: [string, string, Partial<ConfigIssue>][] = [
    [
      'missing hall',
      'role: hall-node\n',
      { path: 'hall', message: 'is required', expected: 'object' },
    ],
    [
      'bad hall id',
      'hall:\n  id: Hall_1\n  name: { zh-CN: 甲, en: A }\n',
      { path: 'hall.id', line: 2, found: '"Hall_1"' },
    ],
    [
      'unknown role',
      `${base}role: kiosk-master\n`,
      { path: 'role', line: 4, found: '"kiosk-master"' },
    ],
    [
      'port as string',
      `${base}lan:\n  port: "8080"\n`,
      { path: 'lan.port', line: 5, expected: 'number', found: '"8080"' },
    ],
    [
      'port out of range',
      `${base}lan:\n  port: 70000\n`,
      { path: 'lan.port', expected: 'number <= 65535', found: '70000' },
    ],
    [
      'typo in a key',
      `${base}kiosk:\n  idel: { seconds: 30 }\n`,
      { path: 'kiosk.idel', line: 5, message: 'unknown key (a typo?)' },
    ],
    [
      'idle too short',
      `${base}kiosk:\n  idle: { seconds: 5 }\n`,
      { path: 'kiosk.idle.seconds', expected: 'number >= 10', found: '5' },
    ],
    [
      'warning longer than idle',
      `${base}kiosk:\n  idle: { seconds: 30, warnSeconds: 40 }\n`,
      { path: 'kiosk.idle.warnSeconds', found: '40' },
    ],
    [
      'unknown adapter',
      `${base}devices:\n  printer: { adapter: usb-magic }\n`,
      { path: 'devices.printer.adapter', line: 5, found: '"usb-magic"' },
    ],
    [
      'member without hall node',
      `${base}role: counter\n`,
      { path: 'hallNode', message: 'a counter joins a hall node: set hallNode.url' },
    ],
    [
      'hall node url not http',
      `${base}role: kiosk\nhallNode: { url: "ftp://10.0.0.2" }\n`,
      { path: 'hallNode.url', found: '"ftp://10.0.0.2"' },
    ],
    [
      'unknown language',
      `${base}kiosk:\n  defaultLanguage: fr\n`,
      { path: 'kiosk.defaultLanguage', expected: 'one of "zh-CN", "en"' },
    ],
    ['YAML syntax', `${base}lan: [\n`, { path: '(syntax)' }],
    ['duplicate key', `${base}mode: demo\nmode: production\n`, { path: '(syntax)', line: 5 }],
    [
      'not an object',
      '- just\n- a list\n',
      { path: '(root)', expected: 'object', found: 'an array of 2' },
    ],
  ];

  it.each(cases)('%s', (name, text, expected) => {
    const { issues } = refusal(`${name.replace(/ /g, '-')}.yaml`, text);
    expect(issues).toContainEqual(expect.objectContaining(expected));
  });

  it('lists every problem at once, not just the first', () => {
    const { issues } = refusal('many.yaml', 'hall:\n  id: X\nlan: { port: "a" }\nbogus: 1\n');
    expect(issues.map((i) => i.path).sort()).toEqual(['bogus', 'hall.id', 'hall.name', 'lan.port']);
  });

  it('names a missing file and an unknown file type', () => {
    expect(() => loadConfigFile(join(dir, 'nope.yaml'))).toThrow(
      /no such file: check the --config path/,
    );
    const { issues } = refusal('config.toml', 'a = 1');
    expect(issues[0]).toMatchObject({ expected: '.yaml, .yml or .json', found: 'config.toml' });
  });

  it('reads JSON too, with line numbers', () => {
    const { issues } = refusal(
      'c.json',
      '{\n  "hall": {"id": "ok-hall", "name": {"zh-CN": "甲", "en": "A"}},\n  "lan": {"port": -1}\n}\n',
    );
    expect(issues[0]).toMatchObject({ path: 'lan.port', line: 3, found: '-1' });
  });
});

describe('secrets', () => {
  const token = 'S3cret-token-value-1234567890';

  it('never appear in a refusal, even when the secret itself is wrong', () => {
    const { error, issues } = refusal(
      'secret.yaml',
      `${base}role: kiosk\nhallNode:\n  url: "http://10.0.0.2:8080"\n  deviceToken: ${token.slice(0, 8)}\n`,
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: 'hallNode.deviceToken', found: '******' }),
    );
    expect(error.message).not.toContain(token.slice(0, 8));
  });

  it('are masked in what the technician sees', () => {
    const file = join(dir, 'ok-secret.yaml');
    writeFileSync(
      file,
      `${base}role: kiosk\nhallNode:\n  url: "http://10.0.0.2:8080"\n  deviceToken: ${token}\n`,
    );
    const shown = JSON.stringify(redactSecrets(loadConfigFile(file).config));
    expect(shown).not.toContain(token);
    expect(shown).toContain('"deviceToken":"******"');
    expect(shown).toContain('http://10.0.0.2:8080');
  });
});

describe('defaults and schema', () => {
  it('the demo config is a demo with simulated devices', () => {
    const config = demoConfig();
    expect(config.mode).toBe('demo');
    expect(Object.values(config.devices).map((d) => d.adapter)).toEqual([
      'simulated',
      'simulated',
      'simulated',
    ]);
  });

  it('the committed JSON Schema matches the zod schema (run `npx kiosk-config schema` after a change)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, 'schema.json'), 'utf8'),
    ) as object;
    expect(committed).toEqual(jsonSchema());
  });
});
