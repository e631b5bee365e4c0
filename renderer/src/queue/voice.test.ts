import { describe, expect, it } from 'vitest';
import { clipsFor, sentence, VoiceQueue } from './voice.js';

/** A speaker that records overlaps: each announcement takes `ms` of fake time. */
function recorder(ms = 5) {
  let active = 0;
  let overlaps = 0;
  const spoken: string[] = [];
  const speak = async (_clips: string[], text: string) => {
    active += 1;
    if (active > 1) overlaps += 1;
    await new Promise((r) => setTimeout(r, ms));
    spoken.push(text);
    active -= 1;
    return 'clips';
  };
  return { speak, spoken, overlaps: () => overlaps };
}

const call = (seq: number, number: string, counterNumber: number) => ({
  seq,
  number,
  counterNumber,
});

describe('the voice queue', () => {
  it('says the call the hall expects, as clips', () => {
    expect(sentence(call(1, 'A012', 3))).toBe('请 A012 号到 3 号窗口办理');
    expect(clipsFor(call(1, 'A012', 3))).toEqual([
      'qing',
      'lA',
      'd0',
      'd1',
      'd2',
      'hao',
      'dao',
      'd3',
      'window',
    ]);
  });

  it('a burst of calls is spoken in order, repeated, never overlapping, none dropped', async () => {
    const r = recorder();
    const q = new VoiceQueue(r.speak, 2);
    for (let i = 1; i <= 6; i++) q.add(call(i, `A00${i}`, i));
    await new Promise((res) => setTimeout(res, 200));
    expect(r.overlaps()).toBe(0);
    expect(r.spoken).toHaveLength(12);
    expect(q.log.map((l) => l.number)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
    expect(q.log.every((l) => l.finishedAt !== null)).toBe(true);
  });

  it('the same call heard twice (a resync) is spoken once; calls known at start are not spoken', async () => {
    const r = recorder(1);
    const q = new VoiceQueue(r.speak, 1);
    q.know([1, 2]);
    q.add(call(2, 'A002', 1));
    q.add(call(3, 'A003', 1));
    q.add(call(3, 'A003', 1));
    await new Promise((res) => setTimeout(res, 50));
    expect(r.spoken).toEqual(['请 A003 号到 1 号窗口办理']);
  });

  it('a failing speaker does not stop the queue', async () => {
    let n = 0;
    const q = new VoiceQueue(async () => {
      n += 1;
      if (n === 1) throw new Error('no audio');
      return 'speech';
    }, 1);
    q.add(call(1, 'A001', 1));
    q.add(call(2, 'A002', 2));
    await new Promise((res) => setTimeout(res, 20));
    expect(q.log.map((l) => l.via)).toEqual(['failed', 'speech']);
  });
});
