export { createUserTag, listTagMembers, listUserTags, tagUser, untagUser } from "./manage-tags";
export { evaluateRuleTags, ruleTagsSchedule } from "./evaluate-rule-tags";
export { createTagSchema, tagMemberSchema, tagRuleSchema, tagViewSchema, type CreateTagInput, type TagView } from "./schemas";
