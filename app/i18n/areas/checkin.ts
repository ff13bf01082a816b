/**
 * UI strings of the checkin area. The Chinese object is the source of this area's keys; the English one must
 * translate every key. Merged into the app dictionaries by ../zh-CN.ts and ../en.ts.
 */
export const checkinZh = {} as const;

export const checkinEn: { readonly [K in keyof typeof checkinZh]: string } = {};
