// What a service refuses, in both UI languages and in the domain's terms (forbidden, not found,
// conflict…). Services know nothing of HTTP: the edge (http/errors.ts) turns the kind into a status.
import type { PasswordProblem } from '../../common/password-strength';

export type DomainErrorKind = 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'unsupported_media' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly extra: { details?: unknown; current?: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (zh: string, en: string) => new DomainError('not_found', 'not_found', `未找到${zh}`, `${en} not found`);

/** A password the strength rule of common/password-strength.ts refuses, every reason given. */
export const weakPassword = (problems: PasswordProblem[]) =>
  new DomainError('unprocessable', 'weak_password', problems.map((p) => p.message).join('；'), problems.map((p) => p.messageEn).join('; '));
