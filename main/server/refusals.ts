/**
 * The LAN server's own refusals, in the contract's error shape like every call's: what the
 * HTTP stack, the router and the page server turn away. None names a path on this machine.
 */
import type { ContractErrorBody, ErrorCode, Text } from '../../common/contract/contract.js';
import { ContractError, httpStatus, messages } from '../../common/contract/errors.js';

export const refusalText = {
  notFound: { 'zh-CN': '没有这个页面', en: 'There is no such page' },
  upgrade: {
    'zh-CN': '此地址只接受 WebSocket 连接',
    en: 'This address takes WebSocket connections only',
  },
  method: { 'zh-CN': '此地址不接受该请求方法', en: 'This address does not take that method' },
  badUrl: { 'zh-CN': '请求地址无效', en: 'The request address is not valid' },
  badHttp: { 'zh-CN': '请求格式无效', en: 'The request is not valid HTTP' },
  headersTooLarge: { 'zh-CN': '请求头过大', en: 'The request headers are too large' },
  tooSlow: { 'zh-CN': '请求发送过慢，已断开', en: 'The request came too slowly and was cut' },
  notBuilt: {
    'zh-CN': '本机的自助服务页面尚未构建：请运行 npm run build',
    en: 'The kiosk pages are not built on this machine: run npm run build',
  },
  mediaType: {
    'zh-CN': '请求内容须为 JSON（Content-Type: application/json）',
    en: 'The request body must be JSON (Content-Type: application/json)',
  },
  notOurName: {
    'zh-CN': '此主机不以该名称提供服务',
    en: 'This host does not answer to that name',
  },
  crossSite: {
    'zh-CN': '不接受其他网站页面的请求',
    en: 'Calls from another site’s page are not accepted',
  },
} satisfies Record<string, Text>;

export interface Refusal {
  status: number;
  body: { ok: false; error: ContractErrorBody };
}

export function refusal(code: ErrorCode, message: Text, status = httpStatus[code]): Refusal {
  return { status, body: { ok: false, error: new ContractError(code, message).body } };
}

/** Fastify's errors on a route (body parsing, size) as the contract's. */
export function routeRefusal(error: { statusCode?: number; code?: string }): Refusal {
  const status = error.statusCode ?? 500;
  if (status === 413) return refusal('TOO_LARGE', messages.tooLarge);
  if (status === 415)
    return notJson(refusalText.mediaType, { path: 'content-type', expected: 'application/json' });
  if (status < 500) return notJson(messages.notJson, { path: 'body', expected: 'a JSON object' });
  return refusal('INTERNAL', messages.internal);
}

function notJson(message: Text, issue: { path: string; expected: string }): Refusal {
  const error = new ContractError('BAD_REQUEST', message, {
    issues: [{ ...issue, message: 'not JSON' }],
  });
  return { status: httpStatus.BAD_REQUEST, body: { ok: false, error: error.body } };
}

/** A request Node's HTTP parser turned away, written straight to its socket. */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  const r =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? refusal('TOO_LARGE', refusalText.headersTooLarge, 431)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? refusal('BAD_REQUEST', refusalText.tooSlow, 408)
        : refusal('BAD_REQUEST', refusalText.badHttp);
  const body = JSON.stringify(r.body);
  return [
    `HTTP/1.1 ${r.status} ${r.status === 431 ? 'Request Header Fields Too Large' : r.status === 408 ? 'Request Timeout' : 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
