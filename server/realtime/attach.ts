import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { AppContext } from "../context";
import { attachRedisAdapter } from "./adapter";
import { DEFAULT_COMMAND_LIMITS, serveCommands, type CommandLimits, type CommandTable } from "./commands";
import {
  userRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "./events";
import { authenticateHandshake, isAllowedOrigin } from "./handshake";
import { publisherFor, type RealtimeHandle } from "./publisher";
import { joinRoom, leaveRoom } from "./rooms";

/**
 * Largest message a client may send. Commands are a room name or an id; a bigger message is abuse
 * and Socket.IO closes that one connection (the rest of the node is unaffected).
 */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

const commands: CommandTable = {
  "room:join": joinRoom,
  "room:leave": leaveRoom,
};

export type SeedbedIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Serves Socket.IO on the host's http.Server (same port as Express, path /socket.io). Created once
 * per process by the host (STACK trap 11). Connection-state recovery is deliberately off: it does not
 * work with the Redis pub/sub adapter, so delivery is at-most-once and clients re-fetch on reconnect.
 */
export async function attachRealtime(options: {
  httpServer: HttpServer;
  ctx: Omit<AppContext, "realtime">;
  limits?: Partial<CommandLimits>;
}): Promise<RealtimeHandle & { io: SeedbedIo }> {
  const { httpServer, ctx } = options;
  const logger = ctx.logger.child({ component: "realtime" });
  const publicOrigin = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).origin : undefined;

  const io: SeedbedIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req, ctx.config.publicUrl)),
    // No CORS headers at all unless PUBLIC_URL names the origin pages are served from.
    ...(publicOrigin ? { cors: { origin: publicOrigin, credentials: true } } : {}),
  });

  // Engine.IO forwards non-Socket.IO requests only to the "request" listeners that existed when it
  // attached; one added later would also get /socket.io/ requests and both would answer them
  // ("headers already sent" crashes the process). Fail loudly at start instead.
  httpServer.on("newListener", (event) => {
    if (event === "request") {
      throw new Error("Add the HTTP app's 'request' listener before attachRealtime (Socket.IO must wrap it).");
    }
  });

  let closeRedis: (() => Promise<void>) | undefined;
  if (ctx.config.redisUrl) {
    try {
      closeRedis = await attachRedisAdapter(io, { redisUrl: ctx.config.redisUrl, redisPrefix: ctx.config.redisPrefix, logger });
    } catch (e) {
      io.engine.close();
      throw e;
    }
  }

  const publisher = publisherFor(io, logger);
  const fullCtx: AppContext = { ...ctx, realtime: publisher };
  const limits = { ...DEFAULT_COMMAND_LIMITS, ...options.limits };

  io.use(authenticateHandshake(fullCtx));
  io.on("connection", (socket) => {
    if (socket.data.userId) void socket.join(userRoom(socket.data.userId));
    serveCommands(socket, commands, { logger, limits });
  });
  io.engine.on("connection_error", (err: { code: number; message: string }) => {
    logger.debug({ code: err.code, message: err.message }, "realtime connection refused");
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Closing the transports (not `disconnectSockets`, which would also reach other nodes through
      // the adapter) makes clients see "transport close" and reconnect — to another node when this
      // one is going away for good.
      io.engine.close();
      await io.of("/").adapter.close();
      await closeRedis?.();
    })());

  return { publisher, close, io };
}
