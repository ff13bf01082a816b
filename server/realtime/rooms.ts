import { AppError } from "../shared/errors";
import { defineCommand, type SeedbedSocket } from "./commands";
import { roomCommandSchema } from "./events";

/** Page rooms one socket may be in at once; a page needs a handful, a tab left open a few dozen. */
export const MAX_ROOMS_PER_SOCKET = 50;

/** Rooms the socket joined by name (not its own id room or its user room). */
const joinedPageRooms = (socket: SeedbedSocket) =>
  [...socket.rooms].filter((room) => room !== socket.id && !room.startsWith("user:")).length;

/** `room:join` — start receiving a public page's facts (counters, activity). */
export const joinRoom = defineCommand({
  schema: roomCommandSchema,
  async handle(socket, { room }) {
    if (!socket.rooms.has(room) && joinedPageRooms(socket) >= MAX_ROOMS_PER_SOCKET) {
      throw new AppError("CONFLICT", `A connection can follow at most ${MAX_ROOMS_PER_SOCKET} rooms; leave one first.`);
    }
    await socket.join(room);
    return { room };
  },
});

/** `room:leave` — stop receiving a page's facts; leaving a room one is not in is not an error. */
export const leaveRoom = defineCommand({
  schema: roomCommandSchema,
  async handle(socket, { room }) {
    await socket.leave(room);
    return { room };
  },
});
