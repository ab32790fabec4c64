/**
 * A dependency of the API (DynamoDB) failed, was throttled or did not answer in time. It is never
 * the caller's mistake: the request may be retried as it was sent (writes are idempotent).
 */
export class UnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnavailableError";
  }
}
