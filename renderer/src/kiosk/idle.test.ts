import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle.svelte.js';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('warns after the idle time, counts down, then expires once', () => {
    const expire = vi.fn();
    const idle = new IdleTimer(expire);
    idle.arm({ idleSeconds: 3, warnSeconds: 2 });
    vi.advanceTimersByTime(2999);
    expect(idle.phase).toBe('waiting');
    vi.advanceTimersByTime(1);
    expect(idle.phase).toBe('warning');
    expect(idle.remaining).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(idle.remaining).toBe(1);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(idle.phase).toBe('off');
    vi.advanceTimersByTime(60_000);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('a touch restarts the wait; during the warning only 继续 does', () => {
    const expire = vi.fn();
    const idle = new IdleTimer(expire);
    idle.arm({ idleSeconds: 3, warnSeconds: 2 });
    vi.advanceTimersByTime(2500);
    idle.touch();
    vi.advanceTimersByTime(2500);
    expect(idle.phase).toBe('waiting');
    vi.advanceTimersByTime(500);
    expect(idle.phase).toBe('warning');
    idle.touch();
    expect(idle.phase).toBe('warning');
    idle.extend();
    expect(idle.phase).toBe('waiting');
    vi.advanceTimersByTime(2999);
    expect(expire).not.toHaveBeenCalled();
  });

  it('stop cancels everything', () => {
    const expire = vi.fn();
    const idle = new IdleTimer(expire);
    idle.arm({ idleSeconds: 1, warnSeconds: 1 });
    vi.advanceTimersByTime(1000);
    idle.stop();
    vi.advanceTimersByTime(10_000);
    expect(idle.phase).toBe('off');
    expect(expire).not.toHaveBeenCalled();
  });
});
