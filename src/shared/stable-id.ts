import { createHash } from "node:crypto";

/**
 * A stable UUID-shaped id from a name: the same name gives the same id on every run (seeded
 * records, the people a partnership's set-up creates, found again by a retry).
 */
export function stableId(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
