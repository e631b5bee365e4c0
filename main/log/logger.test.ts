import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubText } from './logger.js';

function capture() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: createLogger({ destination, level: 'debug' }), text: () => text };
}

const planted = {
  idNumber: '11010519491231002X',
  legacyId: '110105491231002',
  name: '欧阳娜娜',
  phone: '13812345678',
  address: '北京市朝阳区建外街道永安里8号',
  token: 'dev-token-7f3a9c2e5b1d',
  apiKey: 'sk-live-ab12cd34ef56',
  key: 'aes-key-material-0011',
  password: 'hunter2-counter',
};

describe('logs never carry personal data or secrets', () => {
  it('censors planted values wherever they sit, and keeps the rest', () => {
    const { logger, text } = capture();
    logger.info(
      { idNumber: planted.idNumber, name: planted.name, event: 'card-read' },
      'identity read',
    );
    logger.info({ resident: { phone: planted.phone, address: planted.address } }, 'nested');
    logger.info(
      { deep: { er: { identity: { idNumber: planted.idNumber, name: planted.name } } } },
      'deeper',
    );
    logger.warn(
      { auth: { token: planted.token, apiKey: planted.apiKey }, crypto: { key: planted.key } },
      'secrets',
    );
    logger.info({ staff: { password: planted.password } }, 'login');
    // The values also leak the ways real code leaks them: in the message, in free text, in an error.
    logger.info(`manual entry for ${planted.idNumber} tel ${planted.phone}`);
    logger.info({ note: `old record ${planted.legacyId}` }, 'legacy');
    logger.error({ err: new Error(`lookup failed for ${planted.idNumber}`) }, 'lookup');
    logger.info('printf %s', planted.idNumber);

    const out = text();
    for (const [field, value] of Object.entries(planted)) {
      expect(out, `${field} leaked`).not.toContain(value);
    }
    // The lines are still there and still useful.
    expect(out).toContain('"event":"card-read"');
    expect(out).toContain('"msg":"identity read"');
    // Known keys are censored whole; numbers inside free text are masked by the one policy.
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(10);
    expect(out.match(/1101\*{10}002X/g)?.length).toBeGreaterThanOrEqual(4);
    expect(out).toContain('138****5678');
    expect(out).toContain('1101*******1002');
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('scrubs ID-shaped and phone-shaped strings but not ordinary numbers', () => {
    expect(scrubText('id 440524188001010014 ok')).toBe('id 4405**********0014 ok');
    expect(scrubText('call 13812341234')).toBe('call 138****1234');
    expect(scrubText('ticket A012, 3 waiting, port 8080, 2026-11-28')).toBe(
      'ticket A012, 3 waiting, port 8080, 2026-11-28',
    );
  });
});
