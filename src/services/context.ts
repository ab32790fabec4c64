import type { Caller } from "../auth/policy";
import type { Store } from "../data/store";
import type { Principal } from "../domain/roles";
import type { Loaders } from "./loaders";

/** Everything a service needs for one request. Built fresh per request; nothing is shared. */
export interface ServiceContext {
  /** The verified principal, or null for an anonymous caller. */
  readonly principal: Caller;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly requestId: string;
  readonly now: () => Date;
  /**
   * The id of the next record the request creates: a random UUID unless given (the demo seed
   * gives ids of its own, the same on every run).
   */
  readonly newId?: () => string;
}

/** A context whose principal is known (see `authed`). */
export type AuthedContext = ServiceContext & { readonly principal: Principal };
