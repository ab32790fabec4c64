/** An original position: the source as the map names it, 0-based line and column. */
export interface OriginalPosition {
  readonly source: string;
  readonly line: number;
  readonly column: number;
}

export function sourceMapLookup(map: {
  readonly mappings: string;
  readonly sources: readonly string[];
}): (line: number, column: number) => OriginalPosition | null;
