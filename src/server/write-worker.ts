// The entry of SQLite's write thread (started by db/write-thread.ts).
import { commandRunner } from './commands';
import { serveWriteThread } from './db/write-thread';

serveWriteThread(commandRunner('sqlite'));
