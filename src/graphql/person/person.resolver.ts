import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Person } from "../../domain/entities";
import { agencyRef } from "../../services/agencies";
import { getPerson, listPeople, me, personEmail, viewerCanReadEmail } from "../../services/people";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PersonConnection, PersonType } from "./person.type";

@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, {
    nullable: true,
    description: "The signed-in user (null for partner systems).",
  })
  me(@Ctx() ctx: GraphQLContext) {
    return me(ctx);
  }

  @Query(() => PersonConnection, {
    description: "Staff: all for the business unit; one agency's for that agency's lead.",
  })
  async people(
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listPeople(ctx, agencyId, first, after));
  }

  @Query(() => PersonType, {
    nullable: true,
    description:
      "A member of staff of your partnership (name, job title, roles); null when there is none.",
  })
  person(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getPerson(ctx, id));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Restricted: the business unit, the person and their agency's lead; null for others (see viewerCanReadEmail).",
  })
  email(@Root() person: Person, @Ctx() ctx: GraphQLContext) {
    return personEmail(ctx, person);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may read the email." })
  viewerCanReadEmail(@Root() person: Person, @Ctx() ctx: GraphQLContext) {
    return viewerCanReadEmail(ctx, person);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() person: Person, @Ctx() ctx: GraphQLContext) {
    return person.agencyId ? agencyRef(ctx, person.agencyId) : null;
  }
}
