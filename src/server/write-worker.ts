// The entry of SQLite's write thread (started by writes/write-thread.ts).
import { commands } from './modules';
import { commandRunner } from './runtime';
import { serveWriteThread } from './writes';

serveWriteThread(commandRunner('sqlite', commands));
