/**
 * A create request's idempotency key: a retry with the same key and input returns the first
 * result and creates nothing; the same key with other input is a conflict.
 */
export interface IdempotencyClaim {
  readonly partnershipId: string;
  /** The sender's scope: its agency, or `BOARD` for board staff. */
  readonly scope: string;
  readonly operation: string;
  readonly key: string;
  /** The request's input; a retry must send the same input. */
  readonly input: unknown;
  /** When the request was made (the claim expires a window after it). */
  readonly at: Date;
}

/** How long a retry with the same key returns the first result. */
export const IDEMPOTENCY_WINDOW_DAYS = 30;
