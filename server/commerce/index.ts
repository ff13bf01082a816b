// The commerce context: products, the shop's orders and payments, external stores, membership.
// Other contexts import from here (or ./events for event names and payloads).
export * from "./events";
export * from "./products";
export * from "./orders";
export * from "./payments";
export * from "./external";
export * from "./membership";
