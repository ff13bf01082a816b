// The creators context: applications and recruitment, tiers and MCNs, campaigns and fan groups — one line per area.
export * from "./applications";
export * from "./recruitment";
export * from "./tiers";
export * from "./mcn";
export * from "./campaigns";
export * from "./fan-groups";
