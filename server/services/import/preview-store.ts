// Previewed imports wait here for their commit, so the commit applies exactly what the user saw,
// not a file re-read that might differ. In the database: behind a load balancer the commit may
// reach another server instance than the preview did.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { deletePreviewsOf, deleteExpiredPreviews, insertPreview, takePreview } from '../../repo/import-previews';
import { DomainError } from '../domain-error';

const TTL_MS = 30 * 60_000;
/** Per user: a user's later previews push out their oldest. */
const MAX_PENDING = 10;

export class PreviewStore {
  constructor(private readonly db: Db) {}

  async put<Plan>(userId: number, kind: string, plan: Plan): Promise<string> {
    const token = randomBytes(16).toString('hex');
    await this.db.write(async (tx) => {
      await deleteExpiredPreviews(tx);
      await deletePreviewsOf(tx, userId, MAX_PENDING - 1);
      await insertPreview(tx, { token, userId, kind, plan, expiresAt: new Date(Date.now() + TTL_MS) });
    });
    return token;
  }

  /** Takes the plan out: a token commits once, whether the commit succeeds or finds the data changed. */
  async take<Plan>(token: string, userId: number, kind: string): Promise<Plan> {
    const plan = await this.db.write((tx) => takePreview<Plan>(tx, token, userId, kind));
    if (plan === undefined) {
      throw new DomainError(
        'gone',
        'preview_expired',
        '预览已失效（超过30分钟或已提交），请重新上传文件预览',
        'The preview has expired (older than 30 minutes, or already committed); upload the file again',
      );
    }
    return plan;
  }
}
