/**
 * The day's figures as the manager's report, /metrics and a counter's console read them, and
 * as CSV: today's from the runner's tally, an earlier day's counted from its stored log.
 */
import type { QueueCommands } from './commands.js';
import { dayFigures, figuresCsv, type DayFigures } from './figures.js';

export type ReportedFigures = DayFigures & { day: string; days: string[] };

export class QueueReports {
  readonly #commands: QueueCommands;
  #days: { today: string; days: string[] } | null = null;

  constructor(commands: QueueCommands) {
    this.#commands = commands;
  }

  /** A day's figures (today's without one), and every day there are figures for. */
  figures(day?: string): ReportedFigures {
    const { engine, repo } = this.#commands;
    const d = day ?? engine.day;
    // Today's come from the running tally (a few rows, whatever the hour); a past day is
    // counted from its stored log.
    const f: DayFigures =
      d === engine.day
        ? this.#commands.tally.figures(this.#commands.now())
        : dayFigures(
            repo.load(d),
            engine.rules.services.map((s) => s.id),
            engine.rules.counters.map((c) => c.id),
            Number.MAX_SAFE_INTEGER,
          );
    const days = this.#daysLogged();
    return { ...f, day: d, days: days.includes(engine.day) ? days : [...days, engine.day] };
  }

  csv(day?: string): { filename: string; csv: string } {
    const f = this.figures(day);
    return { filename: `queue-figures-${f.day}.csv`, csv: figuresCsv(f.day, f) };
  }

  /**
   * The days with a stored log, read once per queue day: the only day that joins the list
   * later is today, which figures() adds itself.
   */
  #daysLogged(): string[] {
    const today = this.#commands.engine.day;
    if (this.#days?.today !== today) this.#days = { today, days: this.#commands.repo.days() };
    return this.#days.days;
  }
}
