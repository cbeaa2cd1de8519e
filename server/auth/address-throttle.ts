// Failed logins per client address: a guesser spreading over many accounts is slowed here, one
// hammering an account is stopped by the account's own lock (auth/users.ts). Both live in the
// database, so that behind a load balancer every server instance counts the same failures.
import type { Db, Queryable } from '../db/client';

export interface AddressThrottleLimits {
  failures: number;
  windowMs: number;
}

export const DEFAULT_ADDRESS_THROTTLE: AddressThrottleLimits = { failures: 20, windowMs: 15 * 60_000 };

export class AddressThrottle {
  constructor(
    private readonly db: Db,
    private readonly limits: AddressThrottleLimits = DEFAULT_ADDRESS_THROTTLE,
  ) {}

  /** Seconds until this address may try again; 0 when it may now. */
  async retryAfter(address: string): Promise<number> {
    // The failure that, once out of the window, leaves fewer than the limit in it.
    const [row] = await this.db.query<{ seconds: number }>(
      `SELECT ceil(extract(epoch FROM at + make_interval(secs => $3) - now()))::int AS seconds
       FROM login_failures WHERE address = $1 AND at > now() - make_interval(secs => $3)
       ORDER BY at DESC OFFSET $2 LIMIT 1`,
      [address, this.limits.failures - 1, this.limits.windowMs / 1000],
    );
    return row ? Math.max(1, row.seconds) : 0;
  }

  async fail(address: string): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.query('INSERT INTO login_failures (address) VALUES ($1)', [address]);
      await forgetOld(tx, this.limits.windowMs);
    });
  }
}

/** Failures older than the window count for nothing: the table holds one window's worth at most. */
async function forgetOld(tx: Queryable, windowMs: number): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [windowMs / 1000]);
}
