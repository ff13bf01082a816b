// Every context's tables. drizzle-kit reads this file to generate migrations.
export * from "./identity";
export * from "./jobs";
export * from "./media";
export * from "./content";
export * from "./notifications";
export * from "./search";
export * from "./ops";
export * from "./ledger";
export * from "./gamification";
export * from "./commerce";
export * from "./distribution";
export * from "./creators-applications";
export * from "./creators-mcn";
export * from "./ops-console";
export * from "./creators-campaigns";
