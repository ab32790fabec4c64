import { ValidationError } from "./errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Every list is paginated: `first` defaults to 20 and may not exceed 100. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new ValidationError("first", `first must be between 1 and ${MAX_PAGE_SIZE}`);
  return first;
}

export interface Edge<T> {
  readonly node: T;
  readonly cursor: string;
}

/** One page of a list: its edges, and whether more follow `endCursor`. */
export interface Page<T> {
  readonly edges: Edge<T>[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  /** True when the page was read after a cursor (lists are read forwards). */
  readonly hasPreviousPage?: boolean;
}

/** The same page with every node mapped. */
export function mapPage<T, U>(page: Page<T>, fn: (node: T) => U): Page<U> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: fn(e.node) })) };
}

/**
 * Cursors of a numbered list (records numbered 1, 2, ... under a parent, read newest first): the
 * number of the last record of a page.
 */
export function encodeSeqCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, "utf8").toString("base64url");
}

export function decodeSeqCursor(cursor: string): number {
  const m = /^seq:([1-9]\d{0,5})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new ValidationError("after", "Not a cursor of this list");
  return Number(m[1]);
}
