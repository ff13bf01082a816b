/**
 * The Socket.IO contract shared by the server and the browser client (app/utils/realtime.client.ts
 * imports these types only, so nothing here may pull server code into the client bundle).
 *
 * Naming: client commands are `context:verb` (`room:join`), server facts are `context:verbed`
 * (`notification:created`). Every command is answered through its ack with `{ data } | { error }`.
 */
import { z } from "zod";
import type { NotificationView } from "../notifications/types";
import type { CommissionCreatedPush } from "../distribution/commissions/push";
import type { ChallengeActivityPush } from "../gamification/challenges/activity";
import type { LevelChangedPush } from "../gamification/points/notify-level-up";

/** Codes a command's ack may carry; the same vocabulary as AppError plus nothing socket-specific. */
export type RealtimeErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL";

export interface RealtimeError {
  code: RealtimeErrorCode;
  message: string;
  fields?: Record<string, string[]>;
}

/** What every command's ack receives. */
export type Ack<T> = { data: T } | { error: RealtimeError };
export type AckCallback<T> = (result: Ack<T>) => void;

// ---------------------------------------------------------------------------------------------
// Rooms

/**
 * Public page rooms a visitor may join, by kind → the shape of the id after the colon. Rooms carry
 * only facts that anyone who can see the page may see (counters, activity); anything addressed to
 * one person goes to their `user:<id>` room, which can never be joined by name.
 */
const uuid = z.uuid();
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
export const PUBLIC_ROOM_KINDS = {
  post: uuid,
  challenge: uuid,
  product: uuid,
  profile: uuid,
  campaign: uuid,
  feed: slug,
} as const;
export type PublicRoomKind = keyof typeof PUBLIC_ROOM_KINDS;
export type PublicRoom = `${PublicRoomKind}:${string}`;

/** A public room name such as `post:<uuid>` or `feed:hot`. */
export const publicRoomSchema = z
  .string({ error: "must be a string" })
  .max(80, { error: "is too long" })
  .refine(
    (name) => {
      const i = name.indexOf(":");
      if (i <= 0) return false;
      const kind = name.slice(0, i);
      if (!Object.hasOwn(PUBLIC_ROOM_KINDS, kind)) return false;
      return PUBLIC_ROOM_KINDS[kind as PublicRoomKind].safeParse(name.slice(i + 1)).success;
    },
    { error: `must look like <kind>:<id> with kind one of ${Object.keys(PUBLIC_ROOM_KINDS).join(", ")}` },
  )
  .transform((name) => name as PublicRoom);

export const roomCommandSchema = z.strictObject({ room: publicRoomSchema });
export type RoomCommand = z.input<typeof roomCommandSchema>;

/** The private room of one user; every authenticated socket of that user is in it. */
export const userRoom = (userId: string) => `user:${userId}` as const;

// ---------------------------------------------------------------------------------------------
// Event maps

export interface ClientToServerEvents {
  "room:join": (payload: RoomCommand, ack: AckCallback<{ room: string }>) => void;
  "room:leave": (payload: RoomCommand, ack: AckCallback<{ room: string }>) => void;
}

/**
 * A notification arrived in the user's inbox, or an unread one gained an actor ("小红 和其他 12 人赞了
 * 你的笔记"): the row as it now reads and the new unread count. Pushed at least once, so clients
 * replace a row with the same id rather than adding it twice.
 */
export interface NotificationCreated {
  notification: NotificationView;
  unreadCount: number;
}

/**
 * Facts the server pushes. Every context adds its facts here, so both the typed publisher helpers
 * (pushToUser, pushToRoom) and the browser client see them.
 */
export interface ServerToClientEvents {
  "notification:created": (payload: NotificationCreated) => void;
  /** The member reached a higher level (to the user's room): an open page celebrates at once. */
  "level:changed": (payload: LevelChangedPush) => void;
  /** Someone joined, checked in to or completed a challenge (to the challenge's public room). */
  "challenge:activity": (payload: ChallengeActivityPush) => void;
  /** An attributed order was paid: the creator's new pending commissions (the earnings page shows them at once). */
  "commission:created": (payload: CommissionCreatedPush) => void;
}

/** Nothing is exchanged between nodes besides the adapter's own broadcast traffic yet. */
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  /** The authenticated user's id, or null for a visitor. */
  userId: string | null;
  /** How the socket authenticated: by the web session cookie, an access token, or not at all. */
  via: "session" | "token" | "anonymous";
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
export type ClientCommandName = keyof ClientToServerEvents;

/** `context:verbed` — the only shape a pushed event name may take. */
export const SERVER_EVENT_NAME = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;
