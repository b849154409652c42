// What every screen is: an element, a title, and cleanup when the user leaves it.

export interface Screen {
  element: HTMLElement;
  /** The document title (in the interface language). */
  title(): string;
  dispose(): void;
}

/** Collects what a screen must undo when it goes away: pending requests, live feeds, listeners, timers. */
export class ScreenScope {
  private readonly controller = new AbortController();
  private readonly disposers: (() => void)[] = [];

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get disposed(): boolean {
    return this.controller.signal.aborted;
  }

  add(dispose: () => void): void {
    this.disposers.push(dispose);
  }

  /** Runs `action` at most once per `ms`, after the last call (for refreshes triggered by bursts of live events). */
  debounce(action: () => void, ms: number): () => void {
    let timer: number | undefined;
    this.add(() => window.clearTimeout(timer));
    return () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!this.disposed) action();
      }, ms);
    };
  }

  dispose(): void {
    this.controller.abort();
    for (const dispose of this.disposers.splice(0).reverse()) {
      try {
        dispose();
      } catch {
        // one failing cleanup must not keep the others from running
      }
    }
  }
}

/** True when the error is only the screen's own request being cancelled on leaving. */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === "AbortError";
