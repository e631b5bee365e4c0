import { Resvg } from '@resvg/resvg-js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeDocument } from '../../drivers/printer/escpos/encode.js';
import { demoConfig } from '../../kiosk-config/defaults.js';
import { KioskConfig } from '../../kiosk-config/schema.js';
import { PrinterEmulator } from '../../test/rig/printer-emulator.js';
import { exampleTicket } from './examples.js';
import { templateContext } from './handlers.js';
import { loadLogo } from './logo.js';
import { preview } from './preview.js';
import { ticketDocument } from './templates.js';

const dir = mkdtempSync(join(tmpdir(), 'hall-kiosk-logo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A 2:1 emblem: left half black, right half white.
const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">' +
  '<rect width="100" height="100" fill="#000"/></svg>';

const ones = (data: Uint8Array) =>
  [...data].reduce((n, b) => n + b.toString(2).replaceAll('0', '').length, 0);

describe('the hall logo', () => {
  it('an SVG logo becomes a 1-bit image at the configured width, aspect kept', () => {
    const file = join(dir, 'logo.svg');
    writeFileSync(file, svg);
    const logo = loadLogo(file, 160);
    expect(logo.widthBytes).toBe(20);
    expect(logo.height).toBe(80);
    // half the dots are black
    expect(ones(logo.data) / (160 * 80)).toBeCloseTo(0.5, 1);
    expect(logo.data[0]).toBe(0xff);
    expect(logo.data[19]).toBe(0x00);
  });

  it('a PNG logo too', () => {
    const file = join(dir, 'logo.png');
    writeFileSync(file, new Resvg(svg).render().asPng());
    const logo = loadLogo(file, 96);
    expect([logo.widthBytes, logo.height]).toEqual([12, 48]);
  });

  it('is printed first on a ticket (GS v 0) and drawn in the preview', () => {
    const file = join(dir, 'logo.svg');
    writeFileSync(file, svg);
    const config = KioskConfig.parse({
      ...demoConfig(),
      printing: { logo: file, logoWidthDots: 160 },
    });
    const ctx = templateContext(config);
    expect(ctx.logoError).toBeUndefined();
    const doc = ticketDocument(exampleTicket, ctx);
    const emu = new PrinterEmulator();
    emu.receive(Buffer.from(encodeDocument(doc)));
    expect(emu.jobs[0]!.images).toEqual([{ widthBytes: 20, height: 80 }]);
    expect(preview(doc).svg).toContain('<path d="M');
  });

  it('a logo that cannot be read is left out with the reason; the ticket still prints', () => {
    const config = KioskConfig.parse({
      ...demoConfig(),
      printing: { logo: join(dir, 'missing.png') },
    });
    const ctx = templateContext(config);
    expect(ctx.logo).toBeUndefined();
    expect(ctx.logoError).toMatch(/printing\.logo .*missing\.png cannot be used: ENOENT/);
    const emu = new PrinterEmulator();
    emu.receive(Buffer.from(encodeDocument(ticketDocument(exampleTicket, ctx))));
    expect(emu.jobs[0]!.images).toHaveLength(0);
    expect(emu.jobs[0]!.cut).toBe('partial');
  });

  it('a logo width that is not whole bytes is refused by the config', () => {
    const r = KioskConfig.safeParse({ ...demoConfig(), printing: { logoWidthDots: 100 } });
    expect(r.success).toBe(false);
  });
});
