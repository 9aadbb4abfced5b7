/**
 * Everything a scenario starts is registered here and closed in reverse order at the end, whatever
 * happened, so the run always exits by itself.
 */
export class Resources {
  readonly #closers: Array<{ name: string; close: () => Promise<void> }> = [];

  /** Registers `value` (something with close()) and returns it. */
  add<T>(name: string, value: T, close: (value: T) => Promise<void>): T {
    this.#closers.push({ name, close: () => close(value) });
    return value;
  }

  async closeAll(): Promise<void> {
    while (this.#closers.length > 0) {
      const entry = this.#closers.pop();
      if (entry === undefined) break;
      try {
        await entry.close();
      } catch (error) {
        console.error(`bench: closing ${entry.name} failed: ${(error as Error).message}`);
      }
    }
  }
}
