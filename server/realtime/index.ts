/**
 * Realtime over Socket.IO: the host attaches it once to its http.Server; domain code pushes through
 * `ctx.realtime` (the RealtimePublisher); the worker process uses `createRealtimePublisher`.
 */
export { attachRealtime, MAX_CLIENT_MESSAGE_BYTES, type SeedbedIo } from "./attach";
export { createRealtimePublisher, pushToRoom, pushToUser, type RealtimeHandle } from "./publisher";
export { MAX_ROOMS_PER_SOCKET } from "./rooms";
export {
  publicRoomSchema,
  userRoom,
  type Ack,
  type ClientToServerEvents,
  type InterServerEvents,
  type NotificationCreated,
  type PublicRoom,
  type RealtimeError,
  type ServerEventName,
  type ServerEventPayload,
  type ServerToClientEvents,
  type SocketData,
} from "./events";
