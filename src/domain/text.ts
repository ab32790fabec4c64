import { ValidationError } from "./errors";

/** Free text that must say something: trimmed, and refused when empty or over `max`. */
export function requiredText(value: string, field: string, what: string, max?: number): string {
  const v = value.trim();
  // Text of nothing but spaces and invisible format characters (zero-width spaces, joiners,
  // direction marks) says nothing: it is as empty as no text.
  if (!v.replace(/[\p{Cf}\p{Z}\s]/gu, "")) throw new ValidationError(field, `${what} is required`);
  if (max !== undefined && [...v].length > max)
    throw new ValidationError(field, `At most ${max} characters`);
  return v;
}

/** Free text that may be left out: trimmed, and null when empty. */
export function optionalText(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v?.replace(/[\p{Cf}\p{Z}\s]/gu, "") ? v : null;
}

/**
 * Control characters and the bidirectional overrides and isolates: in a name they garble a
 * dashboard or an invitation email, or make one name read as another.
 */
const UNPRINTABLE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A name (one line): required text without control or bidirectional formatting characters. */
export function requiredName(value: string, field: string, what: string, max?: number): string {
  const v = requiredText(value, field, what, max);
  if (UNPRINTABLE.test(v))
    throw new ValidationError(
      field,
      `${what} may not contain control or text-direction characters`,
    );
  return v;
}

/** A web address shown to the public: an absolute http(s) URL. */
export function webAddress(value: string | null | undefined, field: string): string | null {
  const v = optionalText(value);
  if (v === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(v);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || UNPRINTABLE.test(v))
    throw new ValidationError(field, "A web address starts with https:// (or http://)");
  return v;
}
