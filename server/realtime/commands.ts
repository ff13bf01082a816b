import type { Socket } from "socket.io";
import type { z } from "zod";
import { isAppError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import type {
  Ack,
  ClientCommandName,
  ClientToServerEvents,
  InterServerEvents,
  RealtimeError,
  ServerToClientEvents,
  SocketData,
} from "./events";

export type SeedbedSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** One client command: its payload schema and a handler returning the ack's `data`. */
export interface Command<S extends z.ZodType, R> {
  schema: S;
  handle(socket: SeedbedSocket, input: z.output<S>): R | Promise<R>;
}

/** Commands by event name; the guard answers any other name with NOT_FOUND. */
export type CommandTable = { [E in ClientCommandName]: Command<z.ZodType, unknown> };

export const defineCommand = <S extends z.ZodType, R>(command: Command<S, R>): Command<z.ZodType, unknown> =>
  command as Command<z.ZodType, unknown>;

type AckFn = (result: Ack<unknown>) => void;

/** Socket.IO appends the ack function as the last argument when the client asked for one. */
function splitAck(args: unknown[]): { payload: unknown; ack: AckFn | undefined } {
  const last = args[args.length - 1];
  if (typeof last === "function") return { payload: args.length > 1 ? args[0] : undefined, ack: last as AckFn };
  return { payload: args[0], ack: undefined };
}

const fail = (code: RealtimeError["code"], message: string, fields?: RealtimeError["fields"]): Ack<never> => ({
  error: fields ? { code, message, fields } : { code, message },
});

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "payload";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export interface CommandLimits {
  /** Commands a socket may send in a burst. */
  burst: number;
  /** Commands per second refilled after a burst. */
  perSecond: number;
  /** Rejected commands in a row after which the socket is disconnected as abusive. */
  disconnectAfterRejected: number;
}

// The burst covers a reconnect that re-joins every followed room (MAX_ROOMS_PER_SOCKET) at once.
export const DEFAULT_COMMAND_LIMITS: CommandLimits = { burst: 60, perSecond: 10, disconnectAfterRejected: 200 };

/**
 * Wires the command table onto one socket behind a guard. The guard runs for every incoming packet
 * before any listener and answers — never throws — for a non-string or unknown event name and for a
 * socket over its command budget. Socket.IO turns a listener's synchronous throw or a middleware
 * error into an "error" event that would crash the process without a listener, so neither is used.
 */
export function serveCommands(socket: SeedbedSocket, table: CommandTable, options: { logger: Logger; limits: CommandLimits }) {
  const { logger, limits } = options;
  // Token bucket per socket: the socket lives on this node, so local memory is the right place.
  let tokens = limits.burst;
  let refilledAt = performance.now();
  let rejectedInARow = 0;

  const takeToken = () => {
    const now = performance.now();
    tokens = Math.min(limits.burst, tokens + ((now - refilledAt) / 1000) * limits.perSecond);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  const reject = (ack: AckFn | undefined, result: Ack<never>) => {
    ack?.(result);
    if (++rejectedInARow >= limits.disconnectAfterRejected) {
      logger.warn({ socketId: socket.id, userId: socket.data.userId }, "realtime socket disconnected after repeated bad commands");
      socket.disconnect(true);
    }
  };

  socket.use((packet, next) => {
    const [event, ...args] = packet as unknown[];
    const { ack } = splitAck(args);
    if (!takeToken()) {
      return reject(ack, fail("RATE_LIMITED", "Too many commands; slow down."));
    }
    if (typeof event !== "string") {
      return reject(ack, fail("VALIDATION_FAILED", "The event name must be a string."));
    }
    if (!Object.hasOwn(table, event)) {
      return reject(ack, fail("NOT_FOUND", `Unknown event "${event.slice(0, 64)}".`));
    }
    next();
  });

  for (const [event, command] of Object.entries(table) as [ClientCommandName, Command<z.ZodType, unknown>][]) {
    // Registered untyped: the payload is whatever the client sent until the schema says otherwise.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (...args) => {
      const { payload, ack } = splitAck(args);
      const parsed = command.schema.safeParse(payload);
      if (!parsed.success) {
        return reject(ack, fail("VALIDATION_FAILED", `Invalid payload for "${event}".`, fieldErrors(parsed.error)));
      }
      void (async () => {
        try {
          const data = await command.handle(socket, parsed.data);
          rejectedInARow = 0;
          ack?.({ data });
        } catch (e) {
          if (isAppError(e)) {
            reject(ack, fail(e.code === "CSRF_FAILED" || e.code === "UNSUPPORTED_MEDIA_TYPE" ? "FORBIDDEN" : e.code, e.message, e.fields));
          } else {
            logger.error({ err: e, event, socketId: socket.id }, "realtime command failed");
            ack?.(fail("INTERNAL", "Something went wrong."));
          }
        }
      })();
    });
  }

  // Socket.IO emits "error" for middleware failures and bad packets; without a listener it would throw.
  socket.on("error", (err) => logger.debug({ err, socketId: socket.id }, "realtime socket error"));
}
