/**
 * The hall display's voice queue: "请 A012 号到 3 号窗口办理", one announcement at a time,
 * each repeated `repeat` times, none ever dropped or spoken over another. Calls arrive in
 * bursts (several counters at once); they wait their turn in order. The same call (same seq)
 * is never announced twice, so a resync after a reconnect does not repeat old calls.
 *
 * The log is kept (last 200) and shown on the page, so staff — and tests — can see exactly
 * what was said and when.
 */
export interface Announcement {
  seq: number;
  number: string;
  counterNumber: number;
}

export interface LogEntry extends Announcement {
  text: string;
  startedAt: number;
  finishedAt: number | null;
  /** clips, speech (Web Speech fallback) or silent (no audio available). */
  via: string;
}

/** Speaks one announcement once; resolves when it has finished. Returns how it spoke. */
export type Speaker = (clips: string[], text: string) => Promise<string>;

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The spoken sentence (for Web Speech and the log). */
export function sentence(a: Announcement): string {
  return `请 ${a.number} 号到 ${a.counterNumber} 号窗口办理`;
}

/** The bundled clips to play, in order: letters and digits one by one. */
export function clipsFor(a: Announcement): string[] {
  const spell = (s: string) =>
    [...s].map((ch) => (/\d/.test(ch) ? `d${ch}` : `l${ch.toUpperCase()}`));
  return ['qing', ...spell(a.number), 'hao', 'dao', ...spell(String(a.counterNumber)), 'window'];
}

export function spokenDigits(n: string): string {
  return [...n].map((ch) => (/\d/.test(ch) ? digits[Number(ch)] : ch)).join('');
}

export class VoiceQueue {
  readonly log: LogEntry[] = [];
  #pending: Announcement[] = [];
  #seen = new Set<number>();
  #running = false;
  #onChange: () => void;

  constructor(
    readonly speak: Speaker,
    public repeat: number,
    onChange: () => void = () => {},
    readonly now: () => number = Date.now,
  ) {
    this.#onChange = onChange;
  }

  get waiting(): number {
    return this.#pending.length;
  }

  get speaking(): boolean {
    return this.#running;
  }

  /** Queue a call; a seq already heard (or queued) is ignored. */
  add(a: Announcement): void {
    if (this.#seen.has(a.seq)) return;
    this.#seen.add(a.seq);
    if (this.#seen.size > 1000) this.#seen = new Set([...this.#seen].slice(-500));
    this.#pending.push(a);
    void this.#drain();
  }

  /** Mark calls as already heard without speaking them (the page's first snapshot). */
  know(seqs: number[]): void {
    for (const s of seqs) this.#seen.add(s);
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#pending.shift(); next; next = this.#pending.shift()) {
        const entry: LogEntry = {
          ...next,
          text: sentence(next),
          startedAt: this.now(),
          finishedAt: null,
          via: '',
        };
        this.log.push(entry);
        if (this.log.length > 200) this.log.shift();
        this.#onChange();
        for (let i = 0; i < this.repeat; i++) {
          try {
            entry.via = await this.speak(clipsFor(next), entry.text);
          } catch {
            entry.via = 'failed';
          }
        }
        entry.finishedAt = this.now();
        this.#onChange();
      }
    } finally {
      this.#running = false;
    }
  }
}
