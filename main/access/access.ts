/**
 * Who may make which call. Every transport names its caller; the dispatcher checks the
 * method's access level, declared with the call in the contract (common/contract/access.ts),
 * before the handler runs and answers FORBIDDEN otherwise. There is no default: a call without
 * a level does not compile.
 *
 * Callers: the local device (the app's own window over IPC, and — in demo mode only — a
 * browser on this machine's loopback), an enrolled device (kiosk or display, by its token),
 * a staff session (staff, manager, technician; signed in at a counter), or anonymous.
 */
import type { Access } from '../../common/contract/access.js';
import { calls, type Method, type Role, type Text } from '../../common/contract/contract.js';
import type { Caller } from '../../common/contract/call.js';

export function accessOf(method: Method): Access {
  return calls[method].access;
}

export function allows(level: Access, caller: Caller): boolean {
  switch (level) {
    case 'anyone':
      return true;
    case 'local':
      return caller.kind === 'local';
    case 'kiosk':
      return caller.kind === 'local' || (caller.kind === 'device' && caller.role === 'kiosk');
    case 'display':
      return caller.kind === 'local' || caller.kind === 'device' || caller.kind === 'staff';
    case 'service':
      return caller.kind === 'local' || caller.kind === 'staff';
    case 'staff':
      return caller.kind === 'staff';
    case 'manager':
      return caller.kind === 'staff' && caller.role === 'manager';
    case 'oversight':
      return (
        caller.kind === 'local' ||
        (caller.kind === 'staff' && (caller.role === 'manager' || caller.role === 'technician'))
      );
    case 'technician':
      return caller.kind === 'local' || (caller.kind === 'staff' && caller.role === 'technician');
  }
}

const needs: Record<Access, Text> = {
  anyone: { 'zh-CN': '', en: '' },
  local: { 'zh-CN': '仅限本机操作', en: 'Only this machine itself may do this' },
  kiosk: { 'zh-CN': '仅限已登记的自助终端', en: 'Only an enrolled kiosk may do this' },
  display: {
    'zh-CN': '仅限已登记的设备或工作人员',
    en: 'Only an enrolled device or staff may do this',
  },
  service: { 'zh-CN': '仅限工作人员或本机', en: 'Only staff or this machine may do this' },
  staff: { 'zh-CN': '请先在窗口登录', en: 'Sign in at a counter first' },
  manager: { 'zh-CN': '仅限值班长', en: 'Only a hall manager may do this' },
  oversight: {
    'zh-CN': '仅限值班长、技术人员或本机',
    en: 'Only a hall manager, a technician or this machine may do this',
  },
  technician: { 'zh-CN': '仅限技术人员', en: 'Only a technician may do this' },
};

/** Why a caller was refused, and what to do: said to the person at the screen. */
export function refusalText(level: Access, caller: Caller): { message: Text; action: Text } {
  const action: Text =
    caller.kind === 'anonymous' && caller.why === 'expired'
      ? { 'zh-CN': '登录已过期，请重新登录', en: 'The sign-in has expired: sign in again' }
      : caller.kind === 'anonymous' && caller.why === 'unknown'
        ? {
            'zh-CN': '凭据无效，请重新登录或重新登记设备',
            en: 'The credential is not recognised: sign in again or re-enrol the device',
          }
        : {
            'zh-CN': '请使用有权限的账号或设备',
            en: 'Use an account or device that has this right',
          };
  return { message: needs[level], action };
}

export const localCaller = (role: Role): Caller => ({ kind: 'local', role });
