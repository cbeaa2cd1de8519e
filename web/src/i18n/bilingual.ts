// Texts that come in both languages from common/ (enumeration labels) or the server (error messages).
import { ApiRequestError } from '../api/client';
import { locale } from '.';

export const bilingual = (l: { zh: string; en: string }): string => (locale.value === 'en' ? l.en : l.zh);

/** A failed request's message in the UI language; anything else as it says itself. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiRequestError ? bilingual({ zh: err.body.error.message, en: err.body.error.messageEn }) : String(err);
