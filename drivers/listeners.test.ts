import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners.js';

describe('Listeners', () => {
  it('calls each listener with the value until it unsubscribes or all are cleared', () => {
    const news = new Listeners<number>();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = news.add((v) => a.push(v));
    news.add((v) => b.push(v));
    news.emit(1);
    stopA();
    news.emit(2);
    news.clear();
    news.emit(3);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });

  it('lets a listener unsubscribe itself during emit without skipping the others', () => {
    const news = new Listeners<string>();
    const seen: string[] = [];
    const stop = news.add(() => {
      seen.push('once');
      stop();
    });
    news.add((v) => seen.push(v));
    news.emit('x');
    news.emit('y');
    expect(seen).toEqual(['once', 'x', 'y']);
  });
});
