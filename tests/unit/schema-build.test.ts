import "reflect-metadata";
import { isObjectType } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import { describe, expect, it } from "vitest";
import { getSchema, indexFieldExtensions, RESOLVERS } from "../../src/graphql/schema";

type Extensions = Record<string, unknown>;
interface Storage {
  fields: { target: object; name: string }[];
  queries: { target: object; methodName: string }[];
  mutations: { target: object; methodName: string }[];
  fieldResolvers: { target: object; methodName: string }[];
  clone(): Storage;
  build(options: unknown): void;
  findExtensions(target: object, fieldName?: string): Extensions;
}

describe("the schema build's indexed extension lookup", () => {
  it("gives every field and resolver the extensions type-graphql's own lookup gives", () => {
    getSchema();
    const storage = getMetadataStorage() as unknown as Storage;
    indexFieldExtensions(storage);
    // A copy, as each schema build makes and then builds (reversing its lists first).
    const copy = storage.clone();
    copy.build({ resolvers: RESOLVERS });
    const own = Object.getPrototypeOf(copy).findExtensions as Storage["findExtensions"];
    // The copy has the index: its lookup is not type-graphql's.
    expect(copy.findExtensions).not.toBe(own);
    const members = [
      ...copy.fields.map((f) => [f.target, f.name] as const),
      ...[...copy.queries, ...copy.mutations, ...copy.fieldResolvers].map(
        (r) => [r.target, r.methodName] as const,
      ),
    ];
    let withExtensions = 0;
    for (const [target, name] of members) {
      const indexed = copy.findExtensions(target, name);
      expect(indexed, name).toEqual(own.call(copy, target, name));
      if (Object.keys(indexed).length > 0) withExtensions++;
    }
    // Not vacuous: the API's limits and costs are extensions of a few hundred fields.
    expect(withExtensions).toBeGreaterThan(200);
  });
});

describe("the schema build's plain property fields", () => {
  it("answer every field they replace exactly as type-graphql's own resolver does", async () => {
    const schema = getSchema();
    // type-graphql's own schema, without the API's passes.
    const own = buildSchemaSync({ resolvers: RESOLVERS, validate: false, skipCheck: true });
    // A record whose every property is a value of its own, and that answers nothing else.
    const root = new Proxy(
      {},
      { get: (_, p) => (typeof p === "string" ? `value of ${p}` : undefined) },
    );
    const info = { fieldName: "", path: { key: "x" } } as never;
    let plain = 0;
    let ids = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      const ownType = own.getType(type.name);
      if (!isObjectType(ownType)) throw new Error(`${type.name} missing from type-graphql's build`);
      for (const field of Object.values(type.getFields())) {
        if (!field.resolve?.toString().includes("root[property]")) continue;
        plain++;
        if (field.name === "id") ids++;
        const theirs = ownType.getFields()[field.name]?.resolve;
        if (!theirs)
          throw new Error(`${type.name}.${field.name} has no resolver in type-graphql's build`);
        const expected = await Promise.resolve()
          .then(() => theirs(root, {}, {}, info))
          .catch((err: unknown) => err);
        expect(field.resolve(root, {}, {}, info), `${type.name}.${field.name}`).toEqual(expected);
      }
    }
    // Not vacuous: most fields of the records are plain, `id` among them, and a type whose `id`
    // has a field resolver of its own keeps it.
    expect(plain).toBeGreaterThan(700);
    expect(ids).toBeGreaterThan(60);
    for (const [typeName, fieldName] of [
      ["ReviewDecision", "id"],
      ["PublicPartnership", "id"],
      ["Case", "agencies"],
    ] as const) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} missing`);
      expect(type.getFields()[fieldName]?.resolve?.toString()).not.toContain("root[property]");
    }
  });
});
