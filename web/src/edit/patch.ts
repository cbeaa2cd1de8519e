// Turning what a form holds into what the API takes: only the fields that changed, yuan from 万元,
// numbers from inputs that may be empty.
/** A number input bound with v-model.number holds '' when cleared. */
export type NumberInput = number | '';

/** An empty input is not a number: the schema then says so in the user's language. */
export const toNumber = (value: NumberInput): number => (value === '' ? Number.NaN : value);
export const toNullable = (value: NumberInput): number | null => (value === '' ? null : value);

/** Officials count money in 万元; the API in yuan. */
export const toYuan = (wan: NumberInput): number => (wan === '' ? Number.NaN : Math.round(wan * 10_000));
export const toWan = (yuan: number): number => yuan / 10_000;

/** The fields of `edited` whose value differs from the one in `original`. */
export function changedFields<T extends object>(original: T, edited: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(edited).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(original[key as keyof T])),
  ) as Partial<T>;
}

export const withNote = (note: string): { note?: string } => (note.trim() ? { note: note.trim() } : {});

/** Today in the browser's time zone, as the date inputs and the API write it. */
export function today(): string {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}
