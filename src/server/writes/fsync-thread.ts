// The fsync thread of SQLite's write path (started by write-thread.ts): told
// "batch n is committed", it fdatasyncs the WAL and tells the main thread
// "durable up to n". One fsync covers every batch committed before it began,
// so the batches that commit during one are merged into the next.
import fs from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

export interface FsyncThreadData {
  wal: string;
  committed: MessagePort;
}

if (parentPort) {
  const port = parentPort;
  const { wal, committed } = workerData as FsyncThreadData;
  const fd = fs.openSync(wal, 'r');
  let latest = 0;
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const upTo = latest;
    fs.fdatasyncSync(fd); // on failure the thread dies, and nothing waiting is acknowledged
    port.postMessage(upTo);
    if (latest > upTo) {
      scheduled = true;
      setImmediate(drain);
    }
  };
  committed.on('message', (n: number) => {
    latest = Math.max(latest, n);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
}
