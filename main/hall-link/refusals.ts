/**
 * What a member machine says when the hall node cannot be used: typed errors in the
 * contract's words (zh-CN + en), each with what to do. Pure.
 */
import type { Text } from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/** The hall node did not answer (down, wrong address, network): the call did nothing there. */
export function hallUnreachable(url: string): ContractError {
  return new ContractError(
    'UNAVAILABLE',
    t(`无法连接大厅主机（${url}）`, `Cannot reach the hall node (${url})`),
    {
      action: t(
        '排队取号暂不可用，正在自动重连；如持续无法连接，请检查网络或联系工作人员',
        'The queue is unavailable for now and this machine keeps reconnecting by itself; if it lasts, check the network or ask staff',
      ),
      issues: [{ path: 'hallNode', message: 'HALL_UNREACHABLE' }],
    },
  );
}

/** Something answered at the address, but not as a hall node does. */
export function notAHallNode(url: string, status: number): ContractError {
  return new ContractError(
    'UNAVAILABLE',
    t(
      `${url} 不是大厅主机（HTTP ${status}）`,
      `${url} does not answer as a hall node (HTTP ${status})`,
    ),
    {
      action: t(
        '请技术人员检查配置中的 hallNode.url',
        'A technician should check hallNode.url in the config',
      ),
      issues: [{ path: 'hallNode.url', message: 'NOT_A_HALL_NODE' }],
    },
  );
}

/** The hall node answers, but for another hall: nothing is forwarded to it. */
export function wrongHall(url: string, theirs: string, ours: string): ContractError {
  return new ContractError(
    'UNAVAILABLE',
    t(
      `${url} 是另一个大厅（${theirs}）的大厅主机，本机属于 ${ours}`,
      `${url} is the hall node of another hall (${theirs}); this machine belongs to ${ours}`,
    ),
    {
      action: t(
        '请技术人员核对配置中的 hallNode.url 与 hall.id（kiosk-config doctor hall 可检查）',
        'A technician should check hallNode.url and hall.id in the config (kiosk-config doctor hall checks them)',
      ),
      issues: [{ path: 'hallNode.url', message: 'WRONG_HALL' }],
    },
  );
}

/** The hall node refused this machine's device token. */
export const tokenRefusedText = t(
  '大厅主机拒绝了本机的设备令牌',
  'The hall node refused this machine’s device token',
);
export const tokenRefusedAction = t(
  '请技术人员重新登记本机，并把新令牌写入 hallNode.deviceToken',
  'A technician should re-enrol this machine and put the new token in hallNode.deviceToken',
);

/** A badge UID that this machine's own reader did not read: a number anyone could type. */
export function badgeNotRead(): ContractError {
  return new ContractError(
    'FORBIDDEN',
    t('工牌须在本机读卡器上刷取', 'A badge counts only when this machine’s reader reads it'),
    {
      action: t(
        '请在本机读卡器上刷工牌，或输入工牌 PIN，或用工号和密码登录',
        'Hold the badge on this machine’s reader, add the badge PIN, or sign in with a password',
      ),
      issues: [{ path: 'badgeUid', message: 'must be read by this machine’s own badge reader' }],
    },
  );
}
