// The in-process alert bus: every detector publishes here, the alert is stored through the
// AlertStore port, and then subscribers (incidents, live views) are told. Storing first means a
// subscriber never sees an alert that a crash could lose, and a reader never misses one a
// subscriber acted on.
import type { Alert } from '../core/index.ts';
import type { AlertStore, UpsertResult } from '../storage/ports.ts';
import type { AlertBus, AlertListener, Unsubscribe } from './ports.ts';

export interface AlertStreamOptions {
  /** Where a failing listener is reported; stderr by default. */
  onListenerError?: (error: unknown) => void;
}

export interface AlertStreamStats {
  /** Alerts published (an updated copy of a folded alert counts again). */
  published: number;
  listeners: number;
  /** Listener calls that threw or rejected. */
  listenerFailures: number;
}

export class AlertStream implements AlertBus {
  private readonly listeners = new Set<{ listener: AlertListener }>();
  private readonly onListenerError: (error: unknown) => void;
  private readonly counters = { published: 0, listenerFailures: 0 };

  constructor(
    private readonly store: AlertStore,
    options: AlertStreamOptions = {},
  ) {
    this.onListenerError = options.onListenerError ?? reportToStderr;
  }

  async publish(alerts: readonly Alert[]): Promise<UpsertResult> {
    if (alerts.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const result = await this.store.upsert(alerts);
    this.counters.published += alerts.length;
    await this.notify(alerts);
    return result;
  }

  subscribe(listener: AlertListener): Unsubscribe {
    // Wrapped so the same function subscribed twice is two subscriptions, each removable alone.
    const entry = { listener };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  stats(): AlertStreamStats {
    return { ...this.counters, listeners: this.listeners.size };
  }

  /**
   * Listeners run side by side and are awaited, so a slow consumer slows publishers down instead
   * of queueing alerts without bound; a failing one is reported and counted, never rethrown.
   */
  private async notify(alerts: readonly Alert[]): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async ({ listener }) => {
        try {
          await listener(alerts);
        } catch (error) {
          this.counters.listenerFailures++;
          try {
            this.onListenerError(error);
          } catch {
            // The error reporter itself failed: the failure is counted, and publishing goes on.
          }
        }
      }),
    );
  }
}

function reportToStderr(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`chancery: an alert listener failed: ${message}\n`);
}
