// Who acts: one union with an explicit kind. Every branch on the kind is an
// exhaustive switch ending in `unreachable`, so that adding a kind stops the
// build wherever it has to be thought about.
export type CustomerUserRole = 'buyer' | 'administrator';
export type BackofficeUserRole = 'sales_manager' | 'administrator';

/** A person of a customer, signed in to the storefront. */
export interface CustomerUserActor {
  kind: 'customer_user';
  id: number;
  customerId: number;
  role: CustomerUserRole;
  name: string;
}

/** A person of the selling company, signed in to the back-office. */
export interface BackofficeUserActor {
  kind: 'backoffice_user';
  id: number;
  role: BackofficeUserRole;
  name: string;
}

/** A store's integration, acting with a service token and its scopes. */
export interface IntegrationActor {
  kind: 'integration';
  /** the token's id */
  id: number;
  name: string;
  scopes: readonly string[];
}

/** Parley itself: a consumer of the event stream, a job, the mail gateway. */
export interface SystemActor {
  kind: 'system';
  /** what part of Parley acts, e.g. "conversations.sources" */
  name: string;
}

export type Actor = CustomerUserActor | BackofficeUserActor | IntegrationActor | SystemActor;

/** The people among the actors: those who take part in conversations. */
export type PersonActor = CustomerUserActor | BackofficeUserActor;

export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

/** For the end of an exhaustive switch: a new kind (or status, or type) makes this a compile error. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

/** Whether the actor is a person (who takes part in conversations, reads and writes in them). */
export function isPerson(actor: Actor): actor is PersonActor {
  switch (actor.kind) {
    case 'customer_user':
    case 'backoffice_user':
      return true;
    case 'integration':
    case 'system':
      return false;
    default:
      return unreachable(actor);
  }
}

export const isAdministrator = (actor: Actor): boolean => {
  switch (actor.kind) {
    case 'backoffice_user':
      return actor.role === 'administrator';
    case 'customer_user':
    case 'integration':
    case 'system':
      return false;
    default:
      return unreachable(actor);
  }
};
