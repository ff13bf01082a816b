// The checkin area of gamification: what other areas and contexts may use (see ../index.ts).
export { currentStreakOf } from "./streak";
