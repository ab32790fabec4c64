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
}

/** The same page with every node mapped. */
export function mapPage<T, U>(page: Page<T>, fn: (node: T) => U): Page<U> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: fn(e.node) })) };
}
