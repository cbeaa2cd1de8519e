// Previewed imports wait here for their commit, so the commit applies exactly what the user saw,
// not a file re-read that might differ. In memory: one server process owns the database, and a
// preview lost to a restart is simply made again.
import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain-error';

const TTL_MS = 30 * 60_000;
const MAX_PENDING = 50;

interface Pending<Plan> {
  userId: number;
  kind: string;
  plan: Plan;
  expires: number;
}

export class PreviewStore {
  private readonly pending = new Map<string, Pending<unknown>>();

  put<Plan>(userId: number, kind: string, plan: Plan): string {
    const now = Date.now();
    for (const [token, p] of this.pending) if (p.expires < now) this.pending.delete(token);
    // Map order is insertion order: the oldest preview goes first.
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const token = randomBytes(16).toString('hex');
    this.pending.set(token, { userId, kind, plan, expires: now + TTL_MS });
    return token;
  }

  /** Takes the plan out: a token commits once, whether the commit succeeds or finds the data changed. */
  take<Plan>(token: string, userId: number, kind: string): Plan {
    const p = this.pending.get(token);
    if (!p || p.userId !== userId || p.kind !== kind || p.expires < Date.now()) {
      throw new DomainError(
        'gone',
        'preview_expired',
        '预览已失效（超过30分钟、已提交或服务已重启），请重新上传文件预览',
        'The preview has expired (older than 30 minutes, already committed, or the server restarted); upload the file again',
      );
    }
    this.pending.delete(token);
    return p.plan as Plan;
  }
}
