import { stableId } from "../shared/stable-id";

export { stableId };

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
