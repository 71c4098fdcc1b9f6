/** Numeric columns arrive as strings from pg; hours are shown as numbers. */
export const hoursOf = (value: string | number | null): number | null => (value === null ? null : Number(value));
