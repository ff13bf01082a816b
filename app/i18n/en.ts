import type { UiMessages } from "./messages";

import { feedEn } from "./areas/feed";
import { mediaEn } from "./areas/media";
import { moderationEn } from "./areas/moderation";
import { notificationsEn } from "./areas/notifications";
import { searchEn } from "./areas/search";
import { pointsEn } from "./areas/points";
import { checkinEn } from "./areas/checkin";
import { challengesEn } from "./areas/challenges";
import { badgesEn } from "./areas/badges";
import { rewardsEn } from "./areas/rewards";
import { commerceEn } from "./areas/commerce";
import { distributionRightsEn } from "./areas/distribution-rights";
import { distributionLinksEn } from "./areas/distribution-links";
import { distributionEarningsEn } from "./areas/distribution-earnings";
import { creatorsApplicationsEn } from "./areas/creators-applications";
import { creatorsMcnEn } from "./areas/creators-mcn";
import { opsConsoleEn } from "./areas/ops-console";
import { campaignsEn } from "./areas/campaigns";

export const en: UiMessages = {
  ...feedEn,
  ...moderationEn,
  ...notificationsEn,
  ...searchEn,
  ...mediaEn,
  ...pointsEn,
  ...checkinEn,
  ...challengesEn,
  ...badgesEn,
  ...rewardsEn,
  ...commerceEn,
  ...distributionRightsEn,
  ...distributionLinksEn,
  ...distributionEarningsEn,
  ...creatorsApplicationsEn,
  ...creatorsMcnEn,
  ...opsConsoleEn,
  ...campaignsEn,
  "app.name": "Seedbed",
  "app.tagline": "Find good things, share real experiences",
  "app.skipToContent": "Skip to main content",

  "nav.label": "Main navigation",
  "nav.home": "Home",
  "nav.discover": "Discover",
  "nav.checkin": "Check-in",
  "nav.messages": "Messages",
  "nav.me": "Me",
  "nav.publish": "Post",

  "auth.login": "Log in",
  "auth.signup": "Sign up",
  "auth.logout": "Log out",

  "lang.label": "Language",
  "lang.switchTo": "Switch to {language}",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "lang.short.zh-CN": "中文",
  "lang.short.en": "EN",
  "lang.saved": "Language changed",

  "home.title": "Home",
  "home.heading": "For you",
  "home.empty.title": "Nothing here yet",
  "home.empty.body": "Follow people you like or post your first note, and your home feed will come alive.",
  "home.empty.discover": "Discover",
  "home.empty.publish": "Write a note",
  "home.welcome": "Hi, {name}",

  "discover.title": "Discover",
  "discover.heading": "Discover",
  "discover.empty.title": "Picks are on their way",
  "discover.empty.body": "Recommendations, best-sellers and share-and-earn notes will show up here soon.",

  "checkin.title": "Check-in",
  "checkin.heading": "Daily check-in and challenges",
  "checkin.empty.title": "Check-ins open soon",
  "checkin.empty.body": "Check in every day to earn points, with a bonus for a 7-day streak.",

  "messages.title": "Messages",
  "messages.heading": "Messages",
  "messages.empty.title": "No new messages",
  "messages.empty.body": "Likes, comments, follows and badges will show up here.",
  "messages.loggedOut": "Log in to see your notifications.",

  "publish.title": "New note",
  "publish.empty.title": "The note editor is coming soon",
  "publish.empty.body": "Soon you can upload photos, write about what you tried and share it with the community.",

  "me.title": "Me",
  "me.roles": "Roles",
  "me.settings": "Settings",
  "me.profileSettings": "Profile",
  "me.profileSettings.hint": "Display name, bio and language",
  "me.tokens": "Access tokens",
  "me.tokens.hint": "For the API and integrations",
  "me.noBio": "No bio yet.",
  "me.joined": "Joined {date}",
  "me.loggedOut.title": "Welcome to Seedbed",
  "me.loggedOut.body": "Log in to post notes, check in daily, earn points and become a creator.",
  "me.loggedOut.haveAccount": "Already have an account?",

  "role.member": "Member",
  "role.creator": "Creator",
  "role.mcn_admin": "MCN admin",
  "role.staff": "Staff",
  "role.admin": "Admin",

  "signup.title": "Sign up",
  "signup.heading": "Create your account",
  "signup.subheading": "Join the community and start sharing.",
  "signup.submit": "Sign up",
  "signup.haveAccount": "Already have an account?",

  "login.title": "Log in",
  "login.heading": "Welcome back",
  "login.subheading": "Log in with your handle or email.",
  "login.submit": "Log in",
  "login.noAccount": "New here?",

  "field.handle": "Handle",
  "field.handle.hint": "3–20 letters, digits or underscores, starting with a letter; it appears in your profile address.",
  "field.email": "Email",
  "field.password": "Password",
  "field.password.hint": "At least 8 characters.",
  "field.login": "Handle or email",
  "field.displayName": "Display name",
  "field.bio": "Bio",
  "field.locale": "Language",
  "field.tokenName": "Token name",
  "field.tokenName.hint": "What it is for, so you can recognise it later, e.g. “mini-program sync”.",
  "field.expiresInDays": "Expires",

  "form.submitting": "Submitting…",
  "form.errorSummary": "Please check the highlighted fields.",

  "settings.title": "Settings",
  "settings.nav": "Settings navigation",
  "settings.profile.title": "Profile",
  "settings.profile.submit": "Save",
  "settings.profile.saved": "Profile saved",
  "settings.tokens.title": "Access tokens",
  "settings.tokens.intro": "Personal access tokens let apps, mini-programs and scripts call the API as you. A token is shown only once, so keep it safe.",
  "settings.tokens.create": "New token",
  "settings.tokens.createSubmit": "Create token",
  "settings.tokens.created": "Your new token is ready. It is shown only this once, so copy it now.",
  "settings.tokens.copy": "Copy",
  "settings.tokens.copied": "Copied",
  "settings.tokens.list": "Your tokens",
  "settings.tokens.empty": "No tokens yet.",
  "settings.tokens.prefix": "Prefix",
  "settings.tokens.createdAt": "Created",
  "settings.tokens.lastUsed": "Last used",
  "settings.tokens.neverUsed": "Never used",
  "settings.tokens.expires": "Expires",
  "settings.tokens.noExpiry": "Never expires",
  "settings.tokens.expiry.never": "Never",
  "settings.tokens.expiry.days": "{days} days",
  "settings.tokens.status.revoked": "Revoked",
  "settings.tokens.status.expired": "Expired",
  "settings.tokens.status.active": "Active",
  "settings.tokens.revoke": "Revoke",
  "settings.tokens.revokeConfirm": "Apps using it stop working at once. Revoke “{name}”?",
  "settings.tokens.revokeYes": "Yes, revoke",
  "settings.tokens.revoked": "Token revoked",

  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page you are looking for does not exist or has moved.",
  "error.generic.title": "Something went wrong",
  "error.generic.body": "We have logged the problem. Please try again in a moment.",
  "error.forbidden.title": "Not allowed",
  "error.forbidden.body": "You do not have permission to see this page.",
  "error.backHome": "Back to home",
  "error.requestId": "Request id: {id}",
};
