/**
 * UI strings of the feed pages. The Chinese object is the source of this area's keys; the English
 * one must translate every key (a missing one is a type error). Merged into the app dictionaries by
 * ../zh-CN.ts and ../en.ts.
 */
export const feedZh = {} as const;

export const feedEn: { readonly [K in keyof typeof feedZh]: string } = {};
