// What everyone sees of personal data unless a permitted user unmasks one record on purpose.

/** 张*明 for three characters and more (first and last kept), 张* for two, * for one. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 140721********1234: the region code and the last four kept, the birth date hidden. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****5678 for a mobile number; anything shorter keeps only its last two. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

const ID_NUMBER_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/g;

/**
 * Text that may quote what a client sent (an error message, a path in the log) with every ID
 * number and mobile number in it masked: nothing personal goes back out or into the log.
 */
export const maskPersonalNumbers = (text: string): string =>
  text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id)).replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone));
