/**
 * The browser's one Socket.IO connection (same origin, authenticated by the session cookie).
 * Browser-only: Remix leaves `.client` modules empty on the server, so call these from effects.
 *
 *   const realtime = getRealtime();
 *   const unfollow = realtime.follow(`post:${post.id}`);
 *   const off = realtime.on("notification:created", () => revalidate());
 *   const offResync = realtime.onResync(() => revalidate());
 *
 * Delivery is at-most-once (the server's Redis adapter cannot replay missed events), so whatever a
 * page shows from pushes must be re-fetched when `onResync` fires after a reconnect.
 */
import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  ClientToServerEvents,
  PublicRoom,
  RealtimeError,
  ServerEventName,
  ServerEventPayload,
  ServerToClientEvents,
} from "../../server/realtime/events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeClient {
  readonly socket: RealtimeSocket;
  /** Listens to a server fact; returns the function that stops listening. */
  on<E extends ServerEventName>(event: E, handler: (payload: ServerEventPayload<E>) => void): () => void;
  /**
   * Follows a public page room for as long as any caller follows it, across reconnects. Returns the
   * function that stops following (the room is left when the last follower stops).
   */
  follow(room: PublicRoom): () => void;
  /** Called after every reconnect: events may have been missed, re-fetch what is shown. */
  onResync(handler: () => void): () => void;
  /** Closes the connection for good (e.g. after log-out, before connecting again as a visitor). */
  close(): void;
}

const COMMAND_TIMEOUT_MS = 5_000;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** A connection of its own; most code wants the shared one from getRealtime(). */
export function createRealtimeClient(options: { url?: string; token?: string } = {}): RealtimeClient {
  const socket: RealtimeSocket = io(options.url ?? window.location.origin, {
    withCredentials: true,
    ...(options.token ? { auth: { token: options.token } } : {}),
  });
  const followers = new Map<PublicRoom, number>();
  const resyncHandlers = new Set<() => void>();
  let connectedBefore = false;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const send = async (event: "room:join" | "room:leave", room: PublicRoom): Promise<Ack<{ room: string }>> => {
    try {
      return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(event, { room });
    } catch {
      return { error: { code: "INTERNAL", message: "No answer from the server." } };
    }
  };
  const warn = (what: string, error: RealtimeError) => console.warn(`realtime: ${what}: ${error.code} ${error.message}`);
  const join = async (room: PublicRoom) => {
    const result = await send("room:join", room);
    if ("error" in result) warn(`could not follow ${room}`, result.error);
  };

  // Socket.IO retries a lost transport by itself, but not after the server ends the session
  // ("io server disconnect") or a refused handshake that wasn't about credentials; retry those
  // with backoff. A refused access token stays refused.
  const retryLater = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed && !socket.connected) socket.connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  socket.on("connect", () => {
    retryMs = RETRY_MIN_MS;
    // The server keeps no memory of a dropped connection: rejoin, then tell pages to catch up.
    for (const room of followers.keys()) void join(room);
    if (connectedBefore) for (const handler of resyncHandlers) handler();
    connectedBefore = true;
  });
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") retryLater();
  });
  socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
    if (!socket.active && err.data?.code !== "UNAUTHENTICATED") retryLater();
  });

  return {
    socket,
    on(event, handler) {
      // Typed at the method's signature above; Socket.IO's generic listener types don't narrow here.
      const untyped = socket as unknown as {
        on(event: string, listener: (payload: never) => void): void;
        off(event: string, listener: (payload: never) => void): void;
      };
      untyped.on(event, handler);
      return () => void untyped.off(event, handler);
    },
    follow(room) {
      const count = followers.get(room) ?? 0;
      followers.set(room, count + 1);
      if (count === 0 && socket.connected) void join(room);
      let followed = true;
      return () => {
        if (!followed) return;
        followed = false;
        const left = (followers.get(room) ?? 1) - 1;
        if (left > 0) return void followers.set(room, left);
        followers.delete(room);
        if (socket.connected) void send("room:leave", room);
      };
    },
    onResync(handler) {
      resyncHandlers.add(handler);
      return () => void resyncHandlers.delete(handler);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket.disconnect();
      if (shared?.socket === socket) shared = undefined;
    },
  };
}

let shared: RealtimeClient | undefined;

/** The page's one shared connection, opened on first use. */
export function getRealtime(): RealtimeClient {
  return (shared ??= createRealtimeClient());
}
