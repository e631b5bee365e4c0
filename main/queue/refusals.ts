/** Every "no" the queue rules say, in both languages, with what to do next. */
import type { Text } from '../../common/contract/contract.js';
import { QueueRefusal, type Ticket } from './types.js';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
const r = (code: string, text: Text, action?: Text) => new QueueRefusal(code, text, action);

const stateNames: Record<Ticket['state'], Text> = {
  reserved: t('正在打印', 'printing'),
  waiting: t('等候中', 'waiting'),
  called: t('已叫号', 'called'),
  serving: t('办理中', 'being served'),
  done: t('已办结', 'done'),
  noShow: t('已过号', 'a no-show'),
  cancelled: t('已取消', 'cancelled'),
  voided: t('已作废', 'voided'),
};

export const refusals = {
  numbersUsedUp: t('今日号码已用完', "Today's numbers are used up"),
  unknownService: (id: string) =>
    r('UNKNOWN_SERVICE', t(`没有业务 ${id}`, `There is no service ${id}`)),
  unknownCounter: (id: string) =>
    r('UNKNOWN_COUNTER', t(`没有窗口 ${id}`, `There is no counter ${id}`)),
  unknownTicket: (id: number) =>
    r(
      'UNKNOWN_TICKET',
      t(`今日没有编号为 ${id} 的票`, `There is no ticket ${id} today`),
      t('请刷新页面', 'Reload the view'),
    ),
  closed: (name: Text) =>
    r(
      'CLOSED',
      t(`${name['zh-CN']}当前不在取号时间`, `${name.en} is not issuing tickets now`),
      t('请在办理时间内取号', 'Take a ticket during opening hours'),
    ),
  full: (name: Text) =>
    r(
      'FULL',
      t(`${name['zh-CN']}今日号已取完`, `${name.en} has no tickets left today`),
      t('请明日再来或咨询工作人员', 'Come back tomorrow or ask staff'),
    ),
  notReserved: (ticket: Ticket) =>
    r(
      'NOT_RESERVED',
      t(
        `${ticket.number} 号${stateNames[ticket.state]['zh-CN']}，不能再确认打印`,
        `${ticket.number} is ${stateNames[ticket.state].en}; its print cannot be confirmed now`,
      ),
    ),
  notSignedIn: (counter: number) =>
    r(
      'NOT_SIGNED_IN',
      t(`${counter} 号窗口没有工作人员登录`, `Nobody is signed in at counter ${counter}`),
      t('请先登录', 'Sign in first'),
    ),
  paused: (reason: string) =>
    r(
      'PAUSED',
      t(`窗口暂停中（${reason}）`, `The counter is paused (${reason})`),
      t('请先恢复服务', 'Resume first'),
    ),
  busy: (ticket: Ticket) =>
    r(
      'BUSY',
      t(`当前还有 ${ticket.number} 号未办结`, `${ticket.number} is still active at this counter`),
      t('请先完成、过号或转移当前号', 'Finish, mark no-show or transfer it first'),
    ),
  notWaiting: (ticket: Ticket) =>
    r(
      'NOT_WAITING',
      t(
        `${ticket.number} 号${stateNames[ticket.state]['zh-CN']}，不能叫号`,
        `${ticket.number} is ${stateNames[ticket.state].en}, not waiting`,
      ),
    ),
  notThisCounter: (ticket: Ticket) =>
    r(
      'NOT_THIS_COUNTER',
      t(`本窗口不办理 ${ticket.number} 号`, `This counter does not serve ${ticket.number}`),
    ),
  notYours: (ticket: Ticket) =>
    r(
      'NOT_YOURS',
      t(
        `${ticket.number} 号不是本窗口的当前号`,
        `${ticket.number} is not this counter's current ticket`,
      ),
      t('请刷新页面', 'Reload the view'),
    ),
  wrongState: (ticket: Ticket, states: Ticket['state'][]) =>
    r(
      'WRONG_STATE',
      t(
        `${ticket.number} 号${stateNames[ticket.state]['zh-CN']}，此操作需要：${states.map((s) => stateNames[s]['zh-CN']).join('/')}`,
        `${ticket.number} is ${stateNames[ticket.state].en}; this needs ${states.map((s) => stateNames[s].en).join(' or ')}`,
      ),
    ),
  cooldown: (seconds: number) =>
    r('RECALL_COOLDOWN', t(`请 ${seconds} 秒后再重呼`, `Wait ${seconds} s before recalling again`)),
  recallLimit: (max: number) =>
    r(
      'RECALL_LIMIT',
      t(`已重呼 ${max} 次`, `Already recalled ${max} times`),
      t('请过号或继续等候', 'Mark it a no-show or keep waiting'),
    ),
  transferToSelf: () =>
    r('TRANSFER_SELF', t('不能转移到本窗口', 'Cannot transfer to this same counter')),
  transferNowhere: () =>
    r(
      'TRANSFER_TARGET',
      t('请选择转移到的业务或窗口', 'Choose a service or a counter to transfer to'),
    ),
  counterLacksService: (counter: number, serviceId: string) =>
    r(
      'TRANSFER_TARGET',
      t(`${counter} 号窗口不办理 ${serviceId}`, `Counter ${counter} does not serve ${serviceId}`),
    ),
  pauseReason: () =>
    r(
      'PAUSE_REASON',
      t('暂停必须填写原因', 'A pause needs a reason'),
      t('请选择或填写原因', 'Choose or type a reason'),
    ),
};
