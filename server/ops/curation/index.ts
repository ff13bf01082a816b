export { curatePost, liftCuration, listCurations } from "./curate-post";
export { currentWeightBp } from "./decay";
export { curatePostSchema, curationViewSchema, DEFAULT_DECAY_DAYS, DEFAULT_WEIGHT_BP, type CuratePostInput, type CurationView } from "./schemas";
