/**
 * The subscribers to one kind of news from a device (its status, a card coming and going).
 * Each `add` returns its own undo; `emit` calls a copy of the list, so a listener may
 * unsubscribe itself while being called.
 */
export class Listeners<T> {
  readonly #all = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#all.add(listener);
    return () => {
      this.#all.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.#all]) listener(value);
  }

  clear(): void {
    this.#all.clear();
  }
}
