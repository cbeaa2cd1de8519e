import type { Violation } from '../../common/rules';
import { DomainError } from './domain-error';

/** Optimistic concurrency: the write names the version it edited; anything else is a conflict. */
export function assertCurrent<T extends { version: number }>(current: T | undefined, version: number, missing: () => DomainError): T {
  if (!current) throw missing();
  if (current.version !== version) {
    throw new DomainError(
      'conflict',
      'version_conflict',
      `该记录已被他人修改（当前版本 ${current.version}，您编辑的是版本 ${version}），请在最新数据上重新修改`,
      `This record was changed by someone else (current version ${current.version}, you edited version ${version}); redo your edit on the current data`,
      { current },
    );
  }
  return current;
}

export function assertNoViolations(violations: Violation[]): void {
  if (violations.length === 0) return;
  throw new DomainError(
    'unprocessable',
    'invalid_figures',
    violations.map((v) => v.message).join('；'),
    violations.map((v) => v.messageEn).join('; '),
    { details: violations },
  );
}
