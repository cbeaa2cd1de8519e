// The change feed. Each change is written to change_log (its id is the event id a reconnecting
// screen resumes from) and then handed to this process's subscribers. A later LISTEN/NOTIFY can
// feed subscribers from other instances' rows the same way.
import type { ChangeEvent } from '../common/api';
import type { Db } from './db/client';
import { appendChange, DEFAULT_CHANGE_LOG_LIMITS, type ChangeDraft, type ChangeLogLimits } from './repo/change-log';

type Listener = (event: ChangeEvent) => void;

export class ChangeBus {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly db: Db,
    private readonly limits: ChangeLogLimits = DEFAULT_CHANGE_LOG_LIMITS,
  ) {}

  async publish(draft: ChangeDraft): Promise<ChangeEvent> {
    const event = await appendChange(this.db, draft, this.limits);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
