/**
 * Typed errors that cross the contract. A handler throws `ContractError`; the dispatcher turns
 * anything else into INTERNAL (logged, never shown with its stack).
 */
import type { ContractErrorBody, ErrorCode, Issue, Text } from './contract.js';

export class ContractError extends Error {
  readonly body: ContractErrorBody;
  constructor(code: ErrorCode, message: Text, extra: { action?: Text; issues?: Issue[] } = {}) {
    super(`${code}: ${message.en}`);
    this.name = 'ContractError';
    this.body = { code, message, ...extra };
  }

  /** The error a peer received, as the error the caller throws on. */
  static fromBody(body: ContractErrorBody): ContractError {
    const { code, message, action, issues } = body;
    return new ContractError(code, message, {
      ...(action ? { action } : {}),
      ...(issues ? { issues } : {}),
    });
  }
}

export const messages = {
  badRequest: (method: string): Text => ({
    'zh-CN': `请求参数有误（${method}）`,
    en: `The request for ${method} is not valid`,
  }),
  unknownMethod: (method: string): Text => ({
    'zh-CN': `不支持的操作：${method}`,
    en: `There is no call named ${method}`,
  }),
  tooLarge: {
    'zh-CN': '请求内容过大',
    en: 'The request is too large',
  },
  internal: {
    'zh-CN': '系统内部错误，请联系工作人员',
    en: 'Something went wrong inside the kiosk — please ask staff',
  },
  forbidden: {
    'zh-CN': '无权执行此操作',
    en: 'This caller may not make that call',
  },
  diskFull: {
    'zh-CN': '本机存储空间已满，暂时无法保存：请联系工作人员',
    en: "This machine's disk is full and nothing can be saved now: please ask staff",
  },
  rateLimited: {
    'zh-CN': '操作过于频繁，请稍后再试',
    en: 'Too many calls: slow down and try again',
  },
  notJson: {
    'zh-CN': '请求不是有效的 JSON',
    en: 'The request is not valid JSON',
  },
} satisfies Record<string, Text | ((m: string) => Text)>;

export const fixRequest: Text = {
  'zh-CN': '请检查请求内容后重试',
  en: 'Check the fields listed in issues and send again',
};

/** HTTP status for each code, used by the LAN server. */
export const httpStatus: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  TOO_LARGE: 413,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  NOT_FOUND: 404,
  DISK_FULL: 507,
};
