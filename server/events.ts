// The change feed. Each change is written to change_log (its id is the event id a reconnecting
// screen resumes from) and then handed, as read back from the log, to this process's caches and
// open screens. On PostgreSQL any number of server instances share the database: each LISTENs for
// the ids the others commit, reads those rows from change_log and hands them on the same way, so
// every instance delivers the same event objects in the same order. PGlite is one process and
// delivers in process.
import type { ChangeEvent } from '../common/api';
import type { Db } from './db/client';
import { failureSummary } from './db/failure-summary';
import {
  appendChange, CHANGE_CHANNEL, changesAfter, DEFAULT_CHANGE_LOG_LIMITS, latestChangeId, type ChangeDraft, type ChangeLogLimits,
} from './repo/change-log';

type Listener = (event: ChangeEvent) => void;

/**
 * What must be current before a screen hears of a change (tile versions, cached answers, the
 * county's geometry). `lost` is for when this instance missed changes it can no longer read
 * from the log: everything that may be stale is loaded again.
 */
export interface Follower {
  changed(event: ChangeEvent): void | Promise<void>;
  lost(): Promise<void>;
}

export interface SharedFeedOptions {
  /** Besides LISTEN, the log is read this often: a notification lost with a connection is late, never missing. */
  pollMs: number;
}

const DEFAULT_SHARED_FEED: SharedFeedOptions = { pollMs: 2000 };

export class ChangeBus {
  private readonly followers: Follower[] = [];
  private readonly listeners = new Set<{ changed: Listener; lost?: () => void }>();
  /** The newest change id handed on; shared mode reads on from here. */
  private lastSeen = 0;
  private shared = false;
  private delivering: Promise<void> = Promise.resolve();
  private stopFeed: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Db,
    private readonly limits: ChangeLogLimits = DEFAULT_CHANGE_LOG_LIMITS,
  ) {}

  /**
   * On a database other processes write to: follow their changes too. Without this call (PGlite,
   * or a script) changes are delivered in process only.
   */
  async start(options: SharedFeedOptions = DEFAULT_SHARED_FEED): Promise<void> {
    if (!this.db.listen || this.shared) return;
    this.lastSeen = await latestChangeId(this.db);
    this.shared = true;
    const unlisten = await this.db.listen(
      CHANGE_CHANNEL,
      (payload) => {
        if (Number(payload) > this.lastSeen) void this.catchUp();
      },
      () => void this.catchUp(),
    );
    const poll = setInterval(() => void this.catchUp(), options.pollMs);
    poll.unref();
    this.stopFeed = async () => {
      clearInterval(poll);
      await unlisten().catch(() => undefined);
    };
  }

  async stop(): Promise<void> {
    await this.stopFeed?.();
    this.stopFeed = undefined;
    this.shared = false;
    await this.delivering;
  }

  /** Resolves once this instance's caches and screens have been handed the change. */
  async publish(draft: ChangeDraft): Promise<ChangeEvent> {
    const event = await appendChange(this.db, draft, this.limits);
    // Committed whatever happens next: a failed read is retried by the next notification or poll.
    if (this.shared) await this.catchUp().catch(() => undefined);
    else await this.inOrder(() => this.deliver(event));
    return event;
  }

  /** Caches: handed each change before any screen, in the order they were added, each awaited. */
  follow(follower: Follower): void {
    this.followers.push(follower);
  }

  /** Screens. `lost`: this instance missed changes; the screen should reconnect and resume from the log. */
  subscribe(changed: Listener, lost?: () => void): () => void {
    const entry = { changed, lost };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Reads what other instances (or this one) committed after the last change handed on, and hands it on. */
  catchUp(): Promise<void> {
    return this.inOrder(async () => {
      if (!this.shared) return;
      const missed = await changesAfter(this.db, this.lastSeen, this.limits.keepRows);
      if (missed !== 'reload') {
        for (const event of missed) await this.deliver(event);
        return;
      }
      this.lastSeen = await latestChangeId(this.db);
      for (const f of this.followers) await f.lost();
      for (const l of [...this.listeners]) l.lost?.();
    });
  }

  private inOrder(task: () => Promise<void>): Promise<void> {
    const run = this.delivering.then(task);
    // One failed read (a dropped connection) must not stop later deliveries; the next poll retries.
    this.delivering = run.catch((err: unknown) => console.error(`[events] ${err instanceof Error ? failureSummary(err) : String(err)}`));
    return run;
  }

  private async deliver(event: ChangeEvent): Promise<void> {
    if (event.seq <= this.lastSeen && this.shared) return;
    this.lastSeen = Math.max(this.lastSeen, event.seq);
    for (const f of this.followers) await f.changed(event);
    for (const l of this.listeners) l.changed(event);
  }
}
