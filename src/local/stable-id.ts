import { createHash } from "node:crypto";

/** A stable UUID-shaped id from a name, so seeded records keep their ids across restarts. */
export function stableId(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Ids for the records a part of the seed creates through the services, in the order it creates
 * them: `<name>:1`, `<name>:2`, ... made stable. The seed runs in one order, so each record gets
 * the same id on every run; a part of its own (per partnership) keeps a change to one part of
 * the seed from moving the ids of another.
 */
export function stableIds(name: string): () => string {
  let n = 0;
  return () => stableId(`${name}:${++n}`);
}
