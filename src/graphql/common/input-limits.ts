import {
  type GraphQLField,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
} from "graphql";
import { Extensions, Field, getMetadataStorage } from "type-graphql";
import { ValidationError } from "../../domain/errors";

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

export interface Limits {
  readonly maxLength?: unknown;
  readonly maxItems?: unknown;
}

/**
 * Limits as declared on input classes, by class and property. type-graphql does not carry a
 * field's extensions over to a subclass (an input that extends another loses them), so the
 * limits are looked up here, along the class chain, as well as in the field's extensions.
 */
const declared = new Map<unknown, Map<string, Limits>>();

function declare(target: object, key: string | symbol, limits: Limits) {
  const cls = target.constructor;
  const fields = declared.get(cls) ?? new Map<string, Limits>();
  fields.set(String(key), { ...fields.get(String(key)), ...limits });
  declared.set(cls, fields);
}

let classesByName: Map<string, unknown> | undefined;

/** The limits declared for a field of an input type, on its class or a class it extends. */
export function declaredLimits(typeName: string, field: string): Limits | undefined {
  classesByName ??= new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
  for (
    let cls = classesByName.get(typeName);
    typeof cls === "function" && cls !== Function.prototype;
    cls = Object.getPrototypeOf(cls)
  ) {
    const limits = declared.get(cls)?.get(field);
    if (limits) return limits;
  }
  return undefined;
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
    declare(target, key, { maxLength });
  };
}

/** A list of free texts: at most `maxItems` of them, each at most `maxLength` characters. */
export function TextList(
  maxLength: number,
  maxItems: number,
  options: { readonly nullable?: boolean; readonly description?: string } = {},
): PropertyDecorator {
  return (target, key) => {
    Field(() => [String], {
      nullable: options.nullable,
      description: sentence(
        options.description,
        `At most ${maxItems} items of at most ${maxLength} characters.`,
      ),
    })(target, key);
    Extensions({ maxLength, maxItems })(target, key);
    declare(target, key, { maxLength, maxItems });
  };
}

/** The most items a list field takes (state it in the field's description). */
export function MaxItems(maxItems: number): PropertyDecorator {
  return (target, key) => {
    Extensions({ maxItems })(target, key);
    declare(target, key, { maxItems });
  };
}

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
        check((value as Record<string, unknown>)[name], f.type, `${path}.${name}`, {
          ...f.extensions,
          ...declaredLimits(t.name, name),
        });
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

/** Checks every argument of a field against the limits above (see guard.ts). */
export function checkInputLimits(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): void {
  for (const arg of field.args) check(args[arg.name], arg.type, arg.name, arg.extensions);
}
