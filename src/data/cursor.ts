import { ValidationError } from "../domain/errors";

/**
 * Opaque cursors: the DynamoDB key of the last item of a page, base64url-encoded. A cursor is
 * checked against the partition being queried, so one taken from another list (or edited to
 * point into another partnership) is refused instead of being passed to DynamoDB.
 */
export type Key = Record<string, string>;

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(
  cursor: string | null | undefined,
  partitionAttribute: string,
  partitionValue: string,
  keyAttributes: readonly string[],
): Key | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (cursor.length > 1024) throw new ValidationError("after", "Not a cursor of this list");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new ValidationError("after", "Not a cursor of this list");
  }
  const ok =
    typeof parsed === "object" &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.keys(parsed).length === keyAttributes.length &&
    keyAttributes.every((a) => typeof (parsed as Key)[a] === "string") &&
    (parsed as Key)[partitionAttribute] === partitionValue;
  if (!ok) throw new ValidationError("after", "Not a cursor of this list");
  return parsed as Key;
}
