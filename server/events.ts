// In-process change feed. One server process owns the embedded database, so every writer and
// every SSE subscriber meet here.
import type { ChangeEvent } from '../common/api';

type Listener = (event: ChangeEvent) => void;

export class ChangeBus {
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  publish(event: Omit<ChangeEvent, 'seq' | 'at'>): ChangeEvent {
    const full = { ...event, seq: ++this.seq, at: new Date().toISOString() };
    for (const listener of this.listeners) listener(full);
    return full;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
