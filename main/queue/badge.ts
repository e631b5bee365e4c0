/**
 * Counter sign-in by staff badge: the counter machine's own PC/SC reader waits for a badge and
 * gives its UID; the console then signs in with queue.login {badgeUid}. The call is local only
 * (access table), so a badge is never read on someone else's behalf over the LAN.
 */
import { isPcscCardReader } from '../../drivers/pcsc/pcsc-reader.js';
import type { DevicePort } from '../../drivers/ports.js';
import type { Text } from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/**
 * How long the console waits for a badge before giving up (the staff member can press again):
 * under the WebSocket client's 10 s call timeout, so the answer is ours, not a timeout.
 */
export const badgeWaitMs = 8_000;

export async function readStaffBadge(
  devices: DevicePort[],
  waitMs = badgeWaitMs,
): Promise<{ uid: string; reader: string }> {
  const reader = devices.find(isPcscCardReader);
  if (!reader) {
    throw new ContractError(
      'UNAVAILABLE',
      t('本机没有工牌读卡器', 'This machine has no badge reader'),
      {
        action: t('请用工号和密码登录', 'Sign in with your staff ID and password'),
      },
    );
  }
  const outcome = await reader.readBadge(AbortSignal.timeout(waitMs));
  if (outcome.ok) return { uid: outcome.uid, reader: outcome.reader };
  const timedOut = outcome.fault.code === 'cancelled';
  throw new ContractError(
    timedOut ? 'UNAVAILABLE' : 'CONFLICT',
    timedOut ? t('没有读到工牌', 'No badge was presented') : outcome.fault.message,
    {
      action: t(
        '请把工牌放在读卡器上再试，或用密码登录',
        'Hold the badge on the reader and try again, or sign in with a password',
      ),
      issues: [{ path: 'badge', message: outcome.fault.code }],
    },
  );
}
