import { ValidationError } from "../../src/domain/errors";

/** The field a ValidationError names, or null when `fn` does not throw one. */
export function fieldOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.field;
    throw err;
  }
  return null;
}
