/** "3 分钟" / "3 min": how old a cached copy is, in the largest whole unit (pure). */
import type { MessageKey } from '../../i18n/messages.js';

export function ageKey(seconds: number): { key: MessageKey; n: number } {
  if (seconds < 60) return { key: 'age.seconds', n: seconds };
  if (seconds < 3600) return { key: 'age.minutes', n: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { key: 'age.hours', n: Math.floor(seconds / 3600) };
  return { key: 'age.days', n: Math.floor(seconds / 86_400) };
}
