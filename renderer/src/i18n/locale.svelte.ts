/**
 * What a component needs to speak: the current language and `t`. The kiosk's locale follows
 * the resident session (so a wipe returns to the default language); other pages own theirs.
 * Reading `language` inside a template subscribes to it, so a switch re-renders every string.
 */
import { createContext } from 'svelte';
import type { Language, Text } from '../../../common/contract/contract.js';
import { pickText, translate, type MessageKey, type Params } from './translate.js';

export class Locale {
  readonly #read: () => Language;

  constructor(read: () => Language) {
    this.#read = read;
  }

  get language(): Language {
    return this.#read();
  }

  t = (key: MessageKey, params?: Params): string => translate(this.#read(), key, params);
  text = (value: Text): string => pickText(this.#read(), value);
}

/** A locale a page switches for itself (counter, display, technician). */
export class OwnLocale extends Locale {
  readonly #state: { current: Language };

  constructor(initial: Language = 'zh-CN') {
    const state = $state({ current: initial });
    super(() => state.current);
    this.#state = state;
  }

  toggle(): void {
    this.#state.current = this.#state.current === 'zh-CN' ? 'en' : 'zh-CN';
  }
}

export const [getLocale, setLocale] = createContext<Locale>();
