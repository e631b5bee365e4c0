/** Staff alerts as the outbox raises them: written to their rows, then told to whoever listens. */
import type { PlatformError } from '../platform/errors.js';
import type { Clock } from './clock.js';
import type { AlertText, OutboxStorage } from './storage.js';

export interface StaffAlert {
  id: number;
  at: string;
  code: string;
  outboxId: number | null;
  message: AlertText;
}

export type Raise = (code: string, outboxId: number | null, message: AlertText) => void;

export function staffAlerts(
  store: Pick<OutboxStorage, 'raiseAlert'>,
  clock: Clock,
  onAlert?: (alert: StaffAlert) => void,
): Raise {
  return (code, outboxId, message) => {
    const at = new Date(clock.now()).toISOString();
    const id = store.raiseAlert(at, code, outboxId, message);
    onAlert?.({ id, at, code, outboxId, message });
  };
}

/** What staff read of a row the platform refused: why, and what a hall manager does next. */
export function parkedText(id: number, error: PlatformError): AlertText {
  return {
    'zh-CN': `第 ${id} 条待发送记录被平台拒收（${error.text['zh-CN']}），该居民后续事项已暂停：请大厅管理员在“发送失败”中重试或作废`,
    en: `outbox item ${id} was refused by the platform (${error.text.en}); this resident's later items wait: a hall manager should retry or discard it`,
  };
}
