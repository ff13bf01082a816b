/**
 * UI strings of the rewards area. The Chinese object is the source of this area's keys; the English one must
 * translate every key. Merged into the app dictionaries by ../zh-CN.ts and ../en.ts.
 */
export const rewardsZh = {} as const;

export const rewardsEn: { readonly [K in keyof typeof rewardsZh]: string } = {};
