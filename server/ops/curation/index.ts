export { curatePost, liftCuration, listCurations } from "./curate-post";
export { getPostCuration } from "./get-post-curation";
export { currentWeightBp } from "./decay";
export {
  curatePostSchema,
  curationViewSchema,
  DEFAULT_DECAY_DAYS,
  DEFAULT_WEIGHT_BP,
  postCurationStateSchema,
  type CuratePostInput,
  type CurationView,
  type PostCurationState,
} from "./schemas";
