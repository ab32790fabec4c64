import { NotFoundError } from "../../domain/errors";

/**
 * A root lookup or a reference to another record: null, without an error, when there is no such
 * record or the caller may not see it (the two answer alike). Any other error stands.
 */
export async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
