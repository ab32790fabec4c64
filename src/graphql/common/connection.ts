import { type ClassType, Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", { description: "Where a page ends and whether another follows." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;
}

/** A cursor connection type named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
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
export function toConnection<T>(page: {
  edges: { node: T; cursor: string }[];
  hasNextPage: boolean;
  endCursor: string | null;
}) {
  return {
    edges: page.edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}
