/**
 * One area's messages in both languages. The Chinese catalogue must have exactly the English keys, so
 * a missing translation fails the typecheck instead of showing a key to a reader.
 */
export function defineMessages<const E extends Record<string, string>>(en: E, zhCN: { [K in keyof E]: string }) {
  return { en, zhCN };
}
