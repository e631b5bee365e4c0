#!/usr/bin/env node
/**
 * Generates the hall display's zh-CN voice clips offline with espeak-ng (voice cmn):
 * 请 · letters A–Z · digits 零–九 · 号 · 到 · 号窗口办理. The display concatenates them:
 * "请 A 零 一 二 号 到 三 号窗口办理". Each clip is trimmed of leading/trailing silence and
 * halved to 11 025 Hz mono 16-bit WAV so the set stays small.
 *
 *   apt-get install espeak-ng && node scripts/voice-clips.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', 'renderer', 'public', 'voice');
mkdirSync(out, { recursive: true });

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const clips = {
  qing: '请',
  hao: '号',
  dao: '到',
  window: '号窗口办理',
  ...Object.fromEntries(digits.map((d, i) => [`d${i}`, d])),
  ...Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => [`l${l}`, l])),
};

const tmp = join(tmpdir(), `voice-${process.pid}.wav`);
for (const [name, text] of Object.entries(clips)) {
  execFileSync('espeak-ng', ['-v', 'cmn', '-s', '150', '-w', tmp, text]);
  writeFileSync(join(out, `${name}.wav`), shrink(readFileSync(tmp)));
}
rmSync(tmp, { force: true });
console.log(`${Object.keys(clips).length} clips in ${out}`);

/** 16-bit mono PCM WAV → silence trimmed, every second sample, new header. */
function shrink(wav) {
  const rate = wav.readUInt32LE(24);
  const dataAt = wav.indexOf('data', 12) + 8;
  const samples = new Int16Array(
    wav.buffer.slice(wav.byteOffset + dataAt, wav.byteOffset + wav.length),
  );
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]) < 300) start++;
  while (end > start && Math.abs(samples[end - 1]) < 300) end--;
  const kept = [];
  for (let i = Math.max(0, start - 200); i < Math.min(samples.length, end + 800); i += 2)
    kept.push(samples[i]);
  const data = Buffer.alloc(kept.length * 2);
  kept.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate / 2, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
