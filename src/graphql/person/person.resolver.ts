import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Person } from "../../domain/entities";
import type { RoleChange } from "../../domain/people";
import { agencyRef } from "../../services/agencies";
import {
  changePersonRoles,
  getPerson,
  invitePerson,
  listPeople,
  me,
  personEmail,
  personRef,
  roleChangesOf,
  setPersonEnabled,
  viewerCanReadEmail,
  viewerCanReadRoleHistory,
} from "../../services/people";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { ChangePersonRolesInput, InvitePersonInput, PersonRefInput } from "./person.input";
import { PersonConnection, PersonType, RoleChangeConnection, RoleChangeType } from "./person.type";

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
    description:
      "Staff: all for the business unit; one agency's for that agency's lead (their own when no agencyId is given).",
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

  @FieldResolver(() => RoleChangeConnection, {
    nullable: true,
    description:
      "Every change of roles (the roles given with the invitation included), newest first: the business unit and the Chair; null for others (see viewerCanReadRoleChanges).",
  })
  async roleChanges(
    @Root() person: Person,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    const page = await roleChangesOf(ctx, person, first, after);
    return page ? toConnection(page) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may read roleChanges." })
  viewerCanReadRoleChanges(@Ctx() ctx: GraphQLContext) {
    return viewerCanReadRoleHistory(ctx);
  }

  @Mutation(() => PersonType, {
    description:
      "Invites a member of staff: their record and their sign-in user (an invitation email with a temporary password). The business unit, the Chair, or an agency's lead for their agency; retry-safe with an idempotency key.",
  })
  invitePerson(
    @Arg("input", () => InvitePersonInput) input: InvitePersonInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return invitePerson(ctx, input, idempotencyKey);
  }

  @Mutation(() => PersonType, {
    description:
      "Changes a person's roles (recorded in roleChanges); they take effect at the person's next token refresh (within the hour).",
  })
  changePersonRoles(
    @Arg("input", () => ChangePersonRolesInput) input: ChangePersonRolesInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return changePersonRoles(ctx, input.id, input.expectedVersion, input);
  }

  @Mutation(() => PersonType, {
    description:
      "Disables a person: no new token (their sign-in is refused); tokens already issued end within the hour.",
  })
  disablePerson(
    @Arg("input", () => PersonRefInput) input: PersonRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return setPersonEnabled(ctx, input.id, input.expectedVersion, false);
  }

  @Mutation(() => PersonType, { description: "Enables a disabled person again." })
  enablePerson(
    @Arg("input", () => PersonRefInput) input: PersonRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return setPersonEnabled(ctx, input.id, input.expectedVersion, true);
  }
}

@Resolver(() => RoleChangeType)
export class RoleChangeResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who made the change." })
  byPerson(@Root() change: RoleChange, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, change.by);
  }
}

/** The person module's resolvers. */
export const PERSON_RESOLVERS = [PersonResolver, RoleChangeResolver] as const;
