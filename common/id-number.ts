// Resident identity numbers (居民身份证号码) by GB 11643-1999: 6-digit region code, 8-digit birth
// date, 3-digit sequence (odd for men, even for women) and a check character over the first 17
// digits, ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

/** 18 characters, a real birth date and the right check character (a lower-case x is accepted). */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idCheckChar(id.slice(0, 17)) === id[17].toUpperCase();
}

/** Builds a valid number from its parts; the sequence is 1–999. */
export function makeIdNumber(region: string, birth: { year: number; month: number; day: number }, sequence: number): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const body = `${region}${pad(birth.year, 4)}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(sequence, 3)}`;
  return body + idCheckChar(body);
}
