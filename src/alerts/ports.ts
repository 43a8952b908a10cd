// The alert bus port: how detectors hand alerts on and how later stages (incidents, notifications,
// the console's live view) hear of them. `AlertStream` is the in-process implementation; a
// message-broker adapter (NATS) implements the same interface, so no detector or consumer changes.
import type { Alert } from '../core/index.ts';
import type { UpsertResult } from '../storage/ports.ts';

/** Hears of alerts once they are stored: new ones, and updated copies of folded ones (same id). */
export type AlertListener = (alerts: readonly Alert[]) => void | Promise<void>;

/** Call to stop listening; calling it again does nothing. */
export type Unsubscribe = () => void;

export interface AlertBus {
  /**
   * Stores the alerts (insert or update by id), then tells every listener. When it resolves the
   * alerts are durable and every listener has had them. A store failure rejects and tells no one;
   * a listener's failure is counted and never reaches the publisher or the other listeners.
   */
  publish(alerts: readonly Alert[]): Promise<UpsertResult>;
  subscribe(listener: AlertListener): Unsubscribe;
}
