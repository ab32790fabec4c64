import { AsyncLocalStorage } from "node:async_hooks";

/** What every layer may know about the request in progress, without passing it around. */
export interface RequestScope {
  readonly requestId: string;
  /** DynamoDB requests made so far (counted by the data layer's client middleware). */
  dynamoRequests: number;
  /** When the request must have finished (epoch ms): no database call starts after it. */
  readonly deadline?: number;
  /**
   * §7: set by a request that records an anonymous report: no log line of the request may then
   * say who made it (see the logger).
   */
  identityWithheld?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` inside a fresh request scope, optionally with a deadline (epoch ms). */
export function inRequestScope<T>(
  requestId: string,
  fn: (scope: RequestScope) => Promise<T>,
  deadline?: number,
) {
  const scope: RequestScope = { requestId, dynamoRequests: 0, deadline };
  return storage.run(scope, () => fn(scope));
}

/** The current request's scope, if any. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** §7: from now on, this request's log lines carry nothing of who made it. */
export function withholdIdentity(): void {
  const scope = storage.getStore();
  if (scope) scope.identityWithheld = true;
}
