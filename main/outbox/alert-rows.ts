/** Staff alerts as rows: raised by the outbox, cleared when what they are about is settled. */
import type { Statements } from './statements.js';

export interface AlertText {
  'zh-CN': string;
  en: string;
}

export function alertRows(sql: Statements) {
  return {
    raiseAlert(at: string, code: string, outboxId: number | null, message: AlertText): number {
      const info = sql.alert.run(at, code, outboxId, message['zh-CN'], message.en);
      return Number(info.lastInsertRowid);
    },

    hasOpenAlert(code: string): boolean {
      return sql.openAlert.get(code) !== undefined;
    },
  };
}
