/**
 * UI strings of the badges area. The Chinese object is the source of this area's keys; the English one must
 * translate every key. Merged into the app dictionaries by ../zh-CN.ts and ../en.ts.
 */
export const badgesZh = {} as const;

export const badgesEn: { readonly [K in keyof typeof badgesZh]: string } = {};
