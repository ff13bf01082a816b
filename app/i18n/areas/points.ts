/**
 * UI strings of the points area. The Chinese object is the source of this area's keys; the English one must
 * translate every key. Merged into the app dictionaries by ../zh-CN.ts and ../en.ts.
 */
export const pointsZh = {} as const;

export const pointsEn: { readonly [K in keyof typeof pointsZh]: string } = {};
