/**
 * UI strings of the challenges area. The Chinese object is the source of this area's keys; the English one must
 * translate every key. Merged into the app dictionaries by ../zh-CN.ts and ../en.ts.
 */
export const challengesZh = {} as const;

export const challengesEn: { readonly [K in keyof typeof challengesZh]: string } = {};
