import type { Server as HttpServer } from "node:http";
import type { AppContext, RealtimePublisher } from "../context";

/** Placeholder until the realtime module lands. */
export async function attachRealtime(_options: {
  httpServer: HttpServer;
  ctx: Omit<AppContext, "realtime">;
}): Promise<{ publisher: RealtimePublisher; close(): Promise<void> }> {
  return { publisher: { toUser() {}, toRoom() {} }, close: async () => {} };
}
