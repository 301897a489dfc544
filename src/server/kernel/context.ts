// The one context every service call takes first: who acts, and where (the
// database, or inside a write its transaction). Writes are named commands:
// only data goes in and comes out, so that SQLite's write thread (or any
// other process) can run them, and each resolves only once durable.
import type { Kysely } from 'kysely';
import type { DomainEvent, Signal, StoredEvent } from '../../shared/events';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { Actor } from './actor';

/** Stores an event in the write's transaction; it is published once the write is durable. */
export type Emit = (event: DomainEvent) => Promise<StoredEvent>;

/**
 * Runs a statement that stores at most one event together with its rows (on
 * PostgreSQL a write in one statement saves round trips): it gets the index
 * that event takes in the transaction, and answers the event it stored (or
 * null) beside its own value. The event is published like emit's.
 */
export type EmitWith = <T>(store: (index: number) => Promise<{ value: T; event: StoredEvent | null }>) => Promise<T>;

/** Runs a command: resolves with its value once its transaction is durably committed. */
export type Write<A extends Actor> = <Args, Value>(command: Command<Args, Value, A>, args: Args) => Promise<Value>;

export interface Ctx<A extends Actor = Actor> {
  readonly actor: A;
  /** the database; inside a write, its transaction (the only connection a write may use) */
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** outside a write: runs a command (a write inside a write is refused) */
  readonly write: Write<A>;
  /** inside a write: stores an event with it (outside one, refused) */
  readonly emit: Emit;
  /** inside a write: a statement that stores an event with other rows (outside one, refused) */
  readonly emitWith: EmitWith;
}

/**
 * A named write. `run` gets a context whose `db` is the transaction and whose
 * `emit` stores events in it; it must do nothing outside the transaction,
 * since a batch that fails is run again (see writes/group-commit.ts).
 */
export interface Command<Args, Value, A extends Actor = Actor> {
  readonly name: string;
  readonly run: (ctx: Ctx<A>, args: Args) => Promise<Value>;
  /**
   * PostgreSQL: the command makes one write statement, which is its own
   * transaction, so the writer opens none (no BEGIN and COMMIT round trips).
   * Its reads run before the write, outside it. SQLite runs it like any other.
   */
  readonly standalone?: boolean;
}

export function defineCommand<Args, Value, A extends Actor = Actor>(
  name: string,
  run: (ctx: Ctx<A>, args: Args) => Promise<Value>,
): Command<Args, Value, A> {
  return { name, run };
}

/** A command whose one write statement is its transaction (see `Command.standalone`). */
export function defineStandaloneCommand<Args, Value, A extends Actor = Actor>(
  name: string,
  run: (ctx: Ctx<A>, args: Args) => Promise<Value>,
): Command<Args, Value, A> {
  return { name, run, standalone: true };
}

/** A command of any shape, as a registry holds them: each checks its own arguments' type where it is called. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any, any>;

/** A command as it crosses to the thread that runs it: data only. */
export interface CommandCall {
  name: string;
  actor: Actor;
  args: unknown;
}

export interface CommandOutcome {
  value: unknown;
  /** stored with the write, to publish once it is durable */
  events: StoredEvent[];
}

/** What the app gives route plugins and long-lived parts (live hub, consumers). */
export interface Runtime {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** a context for this actor, outside any write */
  contextFor<A extends Actor>(actor: A): Ctx<A>;
  /** ephemeral news for every instance (typing, a session ended): never stored */
  signal(signal: Signal): void;
  /** hears every instance's signals; answers how to stop */
  onSignal(listener: (signal: Signal) => void): () => void;
  /** hears committed events as the bus brings them (at most once: for what may be missed, such as dropping a cache); answers how to stop */
  onEvents(listener: (events: StoredEvent[]) => void): () => void;
}

export const refuseEmit: Emit = () => Promise.reject(new Error('emit outside a write: events are stored by commands (ctx.write)'));
export const refuseEmitWith: EmitWith = () => Promise.reject(new Error('emit outside a write: events are stored by commands (ctx.write)'));
export const refuseWrite: Write<Actor> = () =>
  Promise.reject(new Error("a write inside a write: call the other command's function directly"));
