import "reflect-metadata";
import { getMetadataStorage } from "type-graphql";
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
