import { Field, ObjectType } from "type-graphql";
import type { Page } from "../../domain/pagination";

@ObjectType("PageInfo", {
  description:
    "Where a page starts and ends, and whether pages come before and after it (Relay's cursor connections).",
})
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      "True when the page was asked for `after` a cursor (pages are read forwards only).",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the first edge." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;
}

/** A cursor connection type named `<name>Connection` with `<name>Edge` edges. */
// biome-ignore lint/complexity/noBannedTypes: an object or interface type's class, abstract ones included.
export function Connection(name: string, node: Function) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: "Opaque, signed: pass it back unchanged." })
    cursor!: string;

    @Field(() => node)
    node!: unknown;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Builds a connection value from a page. */
export function toConnection<T>(page: Page<T>) {
  return {
    edges: page.edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage ?? false,
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: page.endCursor,
    },
  };
}
