/**
 * Original positions from a source map, for the GraphQL function's loader (scripts/build.mjs),
 * which maps the bundle's stack frames itself. The same answers as node's `module.SourceMap`
 * `findEntry` (tests/infra/bundle.test.ts compares them across the built bundle), but decoded
 * into typed arrays instead of one array per mapping: node's class takes some 60 ms over the
 * bundle's map, paid by the first error a container logs.
 *
 * Self-contained (no imports, no outer names): the loader embeds its source text.
 */
export function sourceMapLookup(map) {
  const { mappings, sources } = map;
  // A damaged map is refused here (the loader then leaves frames unmapped): the lookup below
  // runs inside Error.prepareStackTrace, where a throw would lose the stack trace.
  if (typeof mappings !== "string" || !Array.isArray(sources)) throw new Error("Not a source map");
  // At most one mapping per separator, plus the last.
  let most = 1;
  for (let i = 0; i < mappings.length; i++) {
    const c = mappings.charCodeAt(i);
    if (c === 44 || c === 59) most++;
  }
  const lineOf = new Int32Array(most);
  const columnOf = new Int32Array(most);
  // -1: a mapping to no source (it ends the one before).
  const sourceOf = new Int32Array(most);
  const originalLineOf = new Int32Array(most);
  const originalColumnOf = new Int32Array(most);
  const digit = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) digit[alphabet.charCodeAt(i)] = i;
  const fields = new Int32Array(5);
  let total = 0;
  let line = 0;
  let column = 0;
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let count = 0;
  let value = 0;
  let shift = 0;
  for (let i = 0; i <= mappings.length; i++) {
    const c = i < mappings.length ? mappings.charCodeAt(i) : 59;
    if (c === 44 /* , */ || c === 59 /* ; */) {
      if (count > 0) {
        column += fields[0];
        lineOf[total] = line;
        columnOf[total] = column;
        if (count >= 4) {
          source += fields[1];
          originalLine += fields[2];
          originalColumn += fields[3];
          sourceOf[total] = source;
          originalLineOf[total] = originalLine;
          originalColumnOf[total] = originalColumn;
        } else {
          sourceOf[total] = -1;
        }
        total++;
        count = 0;
      }
      if (c === 59) {
        line++;
        column = 0;
      }
      continue;
    }
    const d = c < 128 ? digit[c] : -1;
    if (d < 0 || shift > 25) throw new Error(`Not a source map mapping at character ${i}`);
    value |= (d & 31) << shift;
    if (d & 32) {
      shift += 5;
      continue;
    }
    if (count < 5) fields[count] = value & 1 ? -(value >>> 1) : value >>> 1;
    count++;
    value = 0;
    shift = 0;
  }
  /** The mapping at or before generated (line, column), both 0-based, as `findEntry` picks it. */
  return (atLine, atColumn) => {
    if (total === 0) return null;
    let first = 0;
    let n = total;
    while (n > 1) {
      const step = n >> 1;
      const middle = first + step;
      if (atLine < lineOf[middle] || (atLine === lineOf[middle] && atColumn < columnOf[middle]))
        n = step;
      else {
        first = middle;
        n -= step;
      }
    }
    if (atLine < lineOf[first] || (atLine === lineOf[first] && atColumn < columnOf[first]))
      return null;
    const s = sourceOf[first];
    if (s < 0 || typeof sources[s] !== "string") return null;
    return { source: sources[s], line: originalLineOf[first], column: originalColumnOf[first] };
  };
}
