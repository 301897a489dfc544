// What protects the server from one socket, and the live layer's pace.
export interface LiveLimits {
  /** bytes queued for one socket beyond which it is dropped as a slow consumer */
  sendBufferBytes: number;
  /** live events held for a socket while it replays, beyond which it is dropped */
  heldEvents: number;
  /** visible events a resume replays at most; beyond, the client is told to reload */
  replayMax: number;
  /** how long a socket may stay without sending resume */
  resumeTimeoutMs: number;
  heartbeatMs: number;
  /** how often an open socket's session is checked again (expired, user deleted) */
  sessionCheckMs: number;
  /** how often the events table is checked for events the bus lost */
  sweepMs: number;
  /** one typing signal per user per conversation per this many ms */
  typingThrottleMs: number;
  /** frames a client may send in one second */
  framesPerSecond: number;
  /** open sockets one user may hold on one instance (tabs, devices) */
  socketsPerUser: number;
}

export const defaultLimits: LiveLimits = {
  sendBufferBytes: 1024 * 1024,
  heldEvents: 10_000,
  replayMax: 5_000,
  resumeTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  sessionCheckMs: 5 * 60_000,
  sweepMs: 5_000,
  typingThrottleMs: 2_000,
  framesPerSecond: 20,
  socketsPerUser: 20,
};
