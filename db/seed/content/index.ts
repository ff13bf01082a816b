/** The demo community: members, notes with pictures, follows, reactions and a moderation queue. */
export { CONTENT_SEED_STEPS, DEMO_CONTENT_SEED, DEMO_NOTE_COUNT, DEMO_HELD_KEYWORD } from "./steps";
export type { ContentSeedState } from "./steps";
export { demoMembers, type DemoMember } from "./members";
export { generateNote, generateComment, generateReply, NOTE_TITLE_MAX, NOTE_BODY_MIN, NOTE_BODY_MAX } from "./notes";
export { coverSvg, avatarSvg, renderImage, mapLimit, type RenderedImage } from "./images";
export { storeRenderedUpload, COVER_VARIANTS, AVATAR_VARIANTS } from "./uploads";
export { SeededRandom } from "./random";
export { CATEGORY_VOCABULARY } from "./vocabulary";
