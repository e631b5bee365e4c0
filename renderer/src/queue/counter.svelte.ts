/**
 * One counter's console state: the staff session (kept in this tab's storage so a reload or
 * a reconnect does not sign out), the counter view from the hall node, and the actions.
 */
import type { Text } from '../../../common/contract/contract.js';
import type { EventData, Response } from '../../../common/contract/contract.js';
import type { CounterView } from '../../../common/contract/queue.js';
import { ClientError, type HallClient } from '../client/client.js';

const KEY = 'hall-kiosk.counterSession';

type Action =
  'queue.call' | 'queue.recall' | 'queue.start' | 'queue.noShow' | 'queue.finish' | 'queue.resume';

export class CounterConsole {
  view = $state<CounterView | null>(null);
  error = $state<Text | null>(null);
  busy = $state(false);
  /** Waiting for a badge on this machine's reader. */
  badgeWaiting = $state(false);
  /** The last scanned-ticket check, shown until the next one. */
  checked = $state<Response<'queue.checkTicket'> | null>(null);
  token = $state<string | null>(sessionStorage.getItem(KEY));
  readonly #client: HallClient;

  constructor(client: HallClient) {
    this.#client = client;
  }

  get signedIn(): boolean {
    return this.token !== null && this.view !== null;
  }

  /** After every (re)connect: present the session again, then read the counter. */
  async resume(): Promise<void> {
    if (!this.token) return;
    try {
      await this.#client.call('queue.authenticate', { token: this.token });
      await this.refresh();
    } catch (error) {
      this.#fail(error);
      if (error instanceof ClientError && error.body.code === 'FORBIDDEN') this.#forget();
    }
  }

  async refresh(): Promise<void> {
    if (!this.token) return;
    try {
      this.view = await this.#client.call('queue.counter', {});
    } catch (error) {
      this.#fail(error);
    }
  }

  async login(p: {
    counterId: string;
    staffId?: string;
    password?: string;
    badgeUid?: string;
    pin?: string;
  }): Promise<void> {
    await this.#guard(async () => {
      const r = await this.#client.call('queue.login', p);
      this.token = r.token;
      sessionStorage.setItem(KEY, r.token);
      this.view = await this.#client.call('queue.counter', {});
    });
  }

  /** 刷工牌登录: this machine's own reader gives the badge UID, then the usual login. */
  async loginByBadge(counterId: string): Promise<void> {
    this.badgeWaiting = true;
    try {
      await this.#guard(async () => {
        const { uid } = await this.#client.call('queue.readBadge', {});
        this.badgeWaiting = false;
        const r = await this.#client.call('queue.login', { counterId, badgeUid: uid });
        this.token = r.token;
        sessionStorage.setItem(KEY, r.token);
        this.view = await this.#client.call('queue.counter', {});
      });
    } finally {
      this.badgeWaiting = false;
    }
  }

  /** 作废 (hall manager): a waiting ticket is taken out of the queue for good. */
  cancel(ticketId: number): Promise<void> {
    return this.#guard(async () => {
      await this.#client.call('queue.cancel', { ticketId });
      this.view = await this.#client.call('queue.counter', {});
    });
  }

  /** 核验号票: a scanned slip's QR text, checked by the hall node. */
  check(payload: string): Promise<void> {
    this.checked = null;
    return this.#guard(async () => {
      this.checked = await this.#client.call('queue.checkTicket', { payload });
    });
  }

  async logout(): Promise<void> {
    await this.#guard(() => this.#client.call('queue.logout', {}));
    this.#forget();
  }

  act(method: Action): Promise<void> {
    const ticketId = this.view?.current?.id;
    return this.#guard(async () => {
      if (method === 'queue.call') this.view = await this.#client.call(method, {});
      else if (method === 'queue.resume') this.view = await this.#client.call(method, {});
      else if (ticketId) this.view = await this.#client.call(method, { ticketId });
    });
  }

  transfer(to: { serviceId?: string; counterId?: string }): Promise<void> {
    const ticketId = this.view?.current?.id;
    if (!ticketId) return Promise.resolve();
    return this.#guard(async () => {
      this.view = await this.#client.call('queue.transfer', { ticketId, ...to });
    });
  }

  pause(reason: string): Promise<void> {
    return this.#guard(async () => {
      this.view = await this.#client.call('queue.pause', { reason });
    });
  }

  setPriority(ticketId: number, flag: 'green' | 'disability'): Promise<void> {
    return this.#guard(async () => {
      this.view = await this.#client.call('queue.setPriority', { ticketId, flag });
    });
  }

  async #guard(run: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await run();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  #fail(error: unknown): void {
    this.error =
      error instanceof ClientError
        ? error.body.message
        : { 'zh-CN': String(error), en: String(error) };
  }

  /** The hall node ended this session (another sign-in at the counter, a sign-out elsewhere). */
  ended(notice: EventData<'session.ended'>): void {
    if (!this.token) return;
    this.#forget();
    this.error = signedOutText(notice);
  }

  #forget(): void {
    this.token = null;
    this.view = null;
    sessionStorage.removeItem(KEY);
  }
}

/** Says who signed this console out and where, so nobody keeps working on a dead session. */
export function signedOutText(n: EventData<'session.ended'>): Text {
  const where = n.counterNumber === null ? '' : `${n.counterNumber} 号窗口`;
  const whereEn = n.counterNumber === null ? '' : ` at counter ${n.counterNumber}`;
  if (n.reason === 'displaced' && n.by) {
    return {
      'zh-CN': `您已被登出：${n.by.name} 已在${where}登录`,
      en: `You were signed out: ${n.by.name} signed in${whereEn}`,
    };
  }
  if (n.reason === 'expired') {
    return { 'zh-CN': '登录已过期，请重新登录', en: 'The sign-in expired: sign in again' };
  }
  return { 'zh-CN': `您已在${where || '另一处'}登出`, en: `You were signed out${whereEn}` };
}
