import { loadAwsServiceSpec } from "@aws-cdk/aws-service-spec";

/**
 * Checks a CloudFormation template against the resource specification AWS publishes (as shipped
 * in @aws-cdk/aws-service-spec, the database the CDK generates its L1 constructs from): every
 * resource type exists, every property name (at every depth) is one its type has, every required
 * property is present, objects and lists are where the specification has them, and every Ref,
 * Fn::GetAtt and DependsOn names a resource (and attribute) that exists. It runs offline.
 */

interface SpecType {
  readonly type: string;
  readonly reference?: unknown;
  readonly element?: SpecType;
  readonly types?: readonly SpecType[];
}
interface SpecProperty {
  readonly required?: boolean;
  readonly type: SpecType;
  readonly previousTypes?: readonly SpecType[];
}
interface SpecShape {
  readonly properties: Record<string, SpecProperty>;
}
interface SpecResource extends SpecShape {
  readonly attributes: Record<string, unknown>;
}
interface SpecDb {
  lookup(
    kind: "resource",
    field: "cloudFormationType",
    op: "equals",
    value: string,
  ): { only(): SpecResource; length: number } & ArrayLike<SpecResource>;
  get(kind: "typeDefinition", ref: unknown): SpecShape & { name: string };
}

// biome-ignore lint/suspicious/noExplicitAny: a template is untyped JSON.
type Json = any;

const RESOURCE_KEYS = new Set([
  "Type",
  "Properties",
  "DependsOn",
  "Condition",
  "Metadata",
  "DeletionPolicy",
  "UpdateReplacePolicy",
  "UpdatePolicy",
  "CreationPolicy",
]);
const TEMPLATE_KEYS = new Set([
  "AWSTemplateFormatVersion",
  "Description",
  "Metadata",
  "Parameters",
  "Rules",
  "Mappings",
  "Conditions",
  "Transform",
  "Resources",
  "Outputs",
]);
const POLICIES = new Set(["Delete", "Retain", "Snapshot", "RetainExceptOnCreate"]);

let db: Promise<SpecDb> | undefined;
const spec = () => {
  db ??= loadAwsServiceSpec() as unknown as Promise<SpecDb>;
  return db;
};

const isIntrinsic = (v: Json) =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  /^(Ref|Condition|Fn::\w+)$/.test(Object.keys(v)[0] as string);

export interface TemplateCheck {
  /** How many resources the template declares. */
  readonly resources: number;
  /** How many property values (at every depth) were checked against the specification. */
  readonly values: number;
  /** What is wrong, each as `<logical id>.<path>: <problem>`. */
  readonly problems: string[];
}

export async function checkTemplate(template: Json): Promise<TemplateCheck> {
  const d = await spec();
  const problems: string[] = [];
  let values = 0;
  const resources: Record<string, Json> = template.Resources ?? {};
  const parameters = new Set(Object.keys(template.Parameters ?? {}));
  const typeOf = (id: string): SpecResource | undefined => {
    const type = resources[id]?.Type;
    if (typeof type !== "string") return undefined;
    const found = d.lookup("resource", "cloudFormationType", "equals", type);
    return found.length === 1 ? found.only() : undefined;
  };

  for (const key of Object.keys(template))
    if (!TEMPLATE_KEYS.has(key)) problems.push(`${key}: not a template section`);

  /** Ref, Fn::GetAtt and Fn::Sub's ${...} name things that exist. */
  function checkReferences(value: Json, at: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        checkReferences(v, `${at}.${i}`);
      });
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [k, v] of Object.entries(value)) {
      if (k === "Ref" && typeof v === "string") {
        if (!v.startsWith("AWS::") && !(v in resources) && !parameters.has(v))
          problems.push(`${at}: Ref to ${v}, which is not declared`);
      } else if (k === "Fn::GetAtt") {
        const [id = "", attr] =
          typeof v === "string" ? v.split(/\.(.*)/s) : (v as [string, string]);
        if (!(id in resources)) problems.push(`${at}: Fn::GetAtt of ${id}, which is not declared`);
        else {
          const r = typeOf(id);
          if (r && typeof attr === "string" && !(attr in r.attributes))
            problems.push(`${at}: ${resources[id].Type} has no attribute ${attr}`);
        }
      } else if (k === "Fn::Sub") {
        const text = Array.isArray(v) ? v[0] : v;
        const locals = Array.isArray(v) ? Object.keys(v[1] ?? {}) : [];
        for (const [, name] of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const id = (name as string).split(".")[0] as string;
          if (
            !id.startsWith("AWS::") &&
            !(id in resources) &&
            !parameters.has(id) &&
            !locals.includes(id)
          )
            problems.push(`${at}: Fn::Sub names ${name}, which is not declared`);
        }
      }
      checkReferences(v, `${at}.${k}`);
    }
  }

  /** Problems of `value` as a value of `type` (none: it fits). */
  function conforms(value: Json, type: SpecType, at: string): string[] {
    if (isIntrinsic(value)) return [];
    switch (type.type) {
      case "ref": {
        if (value === null || typeof value !== "object" || Array.isArray(value))
          return [`${at}: expected an object`];
        return shape(value, d.get("typeDefinition", type.reference), at);
      }
      case "array":
        if (!Array.isArray(value)) return [`${at}: expected a list`];
        return value.flatMap((v, i) => conforms(v, type.element as SpecType, `${at}.${i}`));
      case "map":
        if (value === null || typeof value !== "object" || Array.isArray(value))
          return [`${at}: expected a map`];
        return Object.entries(value).flatMap(([k, v]) =>
          conforms(v, type.element as SpecType, `${at}.${k}`),
        );
      case "union": {
        // `json` beside a structured type is the CDK's escape hatch, not CloudFormation's
        // schema: judged by the structured types, a typo inside the structure is caught.
        const all = type.types ?? [];
        const structured = all.filter((t) => t.type !== "json");
        const tries = (structured.length ? structured : all).map((t) => conforms(value, t, at));
        return tries.some((p) => p.length === 0) ? [] : (tries[0] ?? []);
      }
      case "tag":
        if (typeof value !== "object" || !("Key" in value) || !("Value" in value))
          return [`${at}: expected a tag {Key, Value}`];
        return [];
      case "json":
        return [];
      default:
        // Strings, numbers, booleans, dates: CloudFormation converts between them.
        return value !== null && typeof value === "object"
          ? [`${at}: expected a ${type.type}`]
          : [];
    }
  }

  function shape(value: Record<string, Json>, s: SpecShape, at: string): string[] {
    const found: string[] = [];
    for (const [name, v] of Object.entries(value)) {
      values++;
      const p = s.properties[name];
      if (!p) {
        found.push(`${at}.${name}: no such property`);
        continue;
      }
      const tries = [p.type, ...(p.previousTypes ?? [])].map((t) =>
        conforms(v, t, `${at}.${name}`),
      );
      if (!tries.some((t) => t.length === 0)) found.push(...(tries[0] ?? []));
    }
    for (const [name, p] of Object.entries(s.properties))
      if (p.required && value[name] === undefined) found.push(`${at}.${name}: required, missing`);
    return found;
  }

  for (const [id, resource] of Object.entries(resources)) {
    for (const key of Object.keys(resource))
      if (!RESOURCE_KEYS.has(key)) problems.push(`${id}.${key}: not a resource attribute`);
    for (const key of ["DeletionPolicy", "UpdateReplacePolicy"])
      if (resource[key] !== undefined && !POLICIES.has(resource[key]))
        problems.push(`${id}.${key}: ${resource[key]} is not a policy`);
    for (const dep of [resource.DependsOn ?? []].flat())
      if (!(dep in resources)) problems.push(`${id}.DependsOn: ${dep} is not declared`);
    checkReferences(resource.Properties ?? {}, `${id}.Properties`);
    const type = resource.Type;
    if (typeof type === "string" && type.startsWith("Custom::")) continue;
    const r = typeOf(id);
    if (!r) {
      problems.push(`${id}: no resource type ${type}`);
      continue;
    }
    problems.push(...shape(resource.Properties ?? {}, r, `${id}.Properties`));
  }
  checkReferences(template.Outputs ?? {}, "Outputs");
  return { resources: Object.keys(resources).length, values, problems };
}
