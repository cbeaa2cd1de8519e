// Failed logins per client address, in memory: a guesser spreading over many accounts is slowed
// here, one hammering an account is stopped by the account's own lock (auth/users.ts), which
// lives in the database so that every server instance sees it.
export interface AddressThrottleLimits {
  failures: number;
  windowMs: number;
}

export const DEFAULT_ADDRESS_THROTTLE: AddressThrottleLimits = { failures: 20, windowMs: 15 * 60_000 };

/** Past this many addresses the oldest records go: memory stays bounded under a spread attack. */
const MAX_ADDRESSES = 10_000;

export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: AddressThrottleLimits = DEFAULT_ADDRESS_THROTTLE) {}

  /** Seconds until this address may try again; 0 when it may now. */
  retryAfter(address: string, now = Date.now()): number {
    const recent = this.recent(address, now);
    if (recent.length < this.limits.failures) return 0;
    return Math.ceil((recent[recent.length - this.limits.failures] + this.limits.windowMs - now) / 1000);
  }

  fail(address: string, now = Date.now()): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.delete(address);
    this.failures.set(address, recent);
    if (this.failures.size > MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => at > now - this.limits.windowMs);
  }
}
