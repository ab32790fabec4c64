import { ValidationError } from "./errors";

/** Free text that must say something: trimmed, and refused when empty or over `max`. */
export function requiredText(value: string, field: string, what: string, max?: number): string {
  const v = value.trim();
  if (!v) throw new ValidationError(field, `${what} is required`);
  if (max !== undefined && [...v].length > max)
    throw new ValidationError(field, `At most ${max} characters`);
  return v;
}

/** Free text that may be left out: trimmed, and null when empty. */
export function optionalText(value: string | null | undefined): string | null {
  return value?.trim() || null;
}
