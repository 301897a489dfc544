// The write path: one writer for every command, group commit and SQLite's
// write thread behind it, precompiled statements for the hot path, and
// Idempotency-Key replays.
export { createWriter, type Writer, type WriterOptions, type CommandRunner } from './writer';
export { serveWriteThread, startWorker } from './write-thread';
export { precompiled, precompiledCount } from './precompiled';
export { idempotencyRequest, once, settleRetries, storedAnswer, type IdempotencyRequest, type Replayable } from './idempotency';
export { writesMigrations } from './writes.migrations';
export { idempotencyPurgeJob, purgeIdempotencyKeys } from './idempotency.purge';
