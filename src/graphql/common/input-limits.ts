import {
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
} from "graphql";
import { Extensions, Field, type MiddlewareFn } from "type-graphql";
import { ValidationError } from "../../domain/errors";
import type { GraphQLContext } from "../context";

/**
 * Limits on every input, stated in the schema and enforced at the boundary before any service
 * runs: the length of every text (declared per field with `Text`, else DEFAULT_MAX_TEXT), the
 * size of every list (`MaxItems`, else DEFAULT_MAX_ITEMS), and the shape of every id. A value
 * over a limit is BAD_USER_INPUT naming its path (`input.criteria.0.reason`).
 */
export const DEFAULT_MAX_TEXT = 10_000;
export const DEFAULT_MAX_ITEMS = 100;
export const MAX_ID_LENGTH = 100;
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9:_.-]*$/;
/** Half of a UTF-16 pair without its other half: not text, and not storable as such. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Limits {
  readonly maxLength?: unknown;
  readonly maxItems?: unknown;
}

const sentence = (description: string | undefined, rule: string) =>
  description ? `${description.replace(/\.?$/, ".")} ${rule}` : rule;

/** A free-text field with its maximum length (in its description and enforced). */
export function Text(
  maxLength: number,
  options: { readonly nullable?: boolean; readonly description?: string } = {},
): PropertyDecorator {
  return (target, key) => {
    Field(() => String, {
      nullable: options.nullable,
      description: sentence(options.description, `At most ${maxLength} characters.`),
    })(target, key);
    Extensions({ maxLength })(target, key);
  };
}

/** The most items a list field takes (state it in the field's description). */
export const MaxItems = (maxItems: number) => Extensions({ maxItems });

function check(value: unknown, type: GraphQLInputType, path: string, limits: Limits): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    const items = value as unknown[];
    const max = typeof limits.maxItems === "number" ? limits.maxItems : DEFAULT_MAX_ITEMS;
    if (items.length > max) throw new ValidationError(path, `At most ${max} items`);
    items.forEach((item, i) => {
      check(item, t.ofType, `${path}.${i}`, { maxLength: limits.maxLength });
    });
  } else if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const name of Object.keys(fields)) {
      const f = fields[name];
      if (f)
        check((value as Record<string, unknown>)[name], f.type, `${path}.${name}`, f.extensions);
    }
  } else if (isScalarType(t) && typeof value === "string") {
    if (t.name === "ID") {
      if (value.length > MAX_ID_LENGTH || !ID_SHAPE.test(value))
        throw new ValidationError(path, "Not a valid id");
    } else if (t.name === "String") {
      const max = typeof limits.maxLength === "number" ? limits.maxLength : DEFAULT_MAX_TEXT;
      // Characters as people count them (code points), on text that is well formed Unicode.
      if (LONE_SURROGATE.test(value)) throw new ValidationError(path, "Not well-formed text");
      if (value.length > max && [...value].length > max)
        throw new ValidationError(path, `At most ${max} characters`);
    }
  }
}

/** Checks every argument of the field being resolved against the limits above. */
export const InputLimits: MiddlewareFn<GraphQLContext> = async ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (field && field.args.length > 0)
    for (const arg of field.args) check(args[arg.name], arg.type, arg.name, arg.extensions);
  return next();
};
