import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import type { Case } from "../../domain/entities";
import { agenciesByIds } from "../../services/agencies";
import {
  caseIdentity,
  createCase,
  getCase,
  listCases,
  setCaseAgencies,
  updateCaseIdentity,
  viewerCanReadIdentity,
} from "../../services/cases";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { CreateCaseInput, SetCaseAgenciesInput, UpdateCaseIdentityInput } from "./case.input";
import { CaseConnection, CaseIdentityType, CaseType } from "./case.type";

/** How an access-log entry names the operation that read the details. */
const operationLabel = (info: GraphQLResolveInfo) =>
  `${info.operation.operation} ${info.operation.name?.value ?? "(anonymous)"}`;

@Resolver(() => CaseType)
export class CaseResolver {
  @Query(() => CaseConnection, {
    description:
      "Cases you may see: all of the partnership for the Chair, SCR subgroup and business unit; your agency's for agency roles. Newest first.",
  })
  async cases(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await listCases(ctx, first, after));
  }

  @Query(() => CaseType, {
    nullable: true,
    description: "Null when there is no such case or it is not yours to see.",
  })
  case(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getCase(ctx, id));
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], { description: "Agencies involved in the case." })
  agencies(@Root() c: Case, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, c.agencyIds);
  }

  @FieldResolver(() => CaseIdentityType, {
    nullable: true,
    description:
      "Identifying details: business unit, and leads and practitioners of involved agencies; null for others (see viewerCanReadIdentity). Every read is logged.",
  })
  identity(@Root() c: Case, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return caseIdentity(ctx, c, operationLabel(info));
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may read the identifying details (asking does not log a read).",
  })
  viewerCanReadIdentity(@Root() c: Case, @Ctx() ctx: GraphQLContext) {
    return viewerCanReadIdentity(ctx, c);
  }

  @Mutation(() => CaseType, {
    description:
      "The business unit, or an agency's lead, practitioner or partner system for a case their agency is involved in. Retry-safe with an idempotency key.",
  })
  createCase(
    @Arg("input", () => CreateCaseInput) input: CreateCaseInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createCase(ctx, input, idempotencyKey);
  }

  @Mutation(() => CaseType, {
    description:
      "Business unit, and leads of involved agencies. Replaces the identifying details; logged.",
  })
  updateCaseIdentity(
    @Arg("input", () => UpdateCaseIdentityInput) input: UpdateCaseIdentityInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return updateCaseIdentity(ctx, input.id, input.expectedVersion, input.identity);
  }

  @Mutation(() => CaseType, { description: "Business unit only." })
  setCaseAgencies(
    @Arg("input", () => SetCaseAgenciesInput) input: SetCaseAgenciesInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return setCaseAgencies(ctx, input.id, input.expectedVersion, input.agencyIds);
  }
}
