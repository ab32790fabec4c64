import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import {
  type ChallengeOutcome,
  type ChallengeSession,
  type DigestLocal,
  MAX_DISSEMINATIONS,
  MAX_OUTCOMES,
  MAX_RELEVANCE_DECISIONS,
  type NationalReviewDigest,
} from "../../domain/digests";
import type { SearchOrder } from "../../domain/search";
import { getAgency } from "../../services/agencies";
import {
  addTheme,
  getDigest,
  importDigests,
  listThemes,
  searchDigests,
} from "../../services/digests/catalogue";
import {
  attendanceOf,
  disseminationsOf,
  disseminationYear,
  getSession,
  holdChallengeSession,
  listSessions,
  localWorkOf,
  outcomesOf,
  recordChallengeOutcome,
  recordDissemination,
  recordRelevance,
  relevanceDecisionsOf,
} from "../../services/digests/work";
import { getRecommendation } from "../../services/learning/recommendations";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { SearchOrderEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { RecommendationType } from "../recommendation/recommendation.type";
import {
  AddThemeInput,
  DigestSearchInput,
  DisseminationInputType,
  HoldSessionInput,
  ImportInput,
  OutcomeInputType,
  RelevanceInput,
} from "./digest.input";
import {
  ChallengeOutcomeType,
  ChallengeSessionConnection,
  ChallengeSessionType,
  DigestThemeType,
  DigestThemeVocabularyType,
  DisseminationType,
  DisseminationYearType,
  ImportReportType,
  LocalDigestWorkType,
  NationalReviewDigestConnection,
  NationalReviewDigestType,
  RelevanceDecisionType,
} from "./digest.type";
import { CatalogueOfferResolver, DisseminationResolver, RelevanceDecisionResolver } from "./offer";

@Resolver(() => NationalReviewDigestType)
export class DigestResolver {
  @Query(() => NationalReviewDigestConnection, {
    description:
      "§16: the national catalogue, by words, themes and years of publication (all optional), newest first or by relevance. Partnership staff and catalogue editors.",
  })
  async nationalReviewDigests(
    @Arg("filter", () => DigestSearchInput, { nullable: true }) filter: DigestSearchInput | null,
    @Arg("orderBy", () => SearchOrderEnum, { nullable: true }) orderBy: SearchOrder | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    const page = await searchDigests(ctx, filter ?? {}, orderBy ?? "RELEVANCE", first, after);
    return { ...toConnection(page), totalCount: page.totalCount, complete: page.complete };
  }

  @Query(() => NationalReviewDigestType, {
    nullable: true,
    description: "Null when there is no such record.",
  })
  nationalReviewDigest(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getDigest(ctx, id));
  }

  @Query(() => DigestThemeVocabularyType, { description: "§16: the catalogue's themes." })
  async digestThemes(@Ctx() ctx: GraphQLContext) {
    const themes = await listThemes(ctx);
    return { id: "catalogue", themes: themes.map((t) => ({ ...t, id: t.code })) };
  }

  @FieldResolver(() => LocalDigestWorkType, {
    nullable: true,
    description:
      "§16, §38: your partnership's work on this review; null for callers of no partnership.",
  })
  local(@Root() d: NationalReviewDigest, @Ctx() ctx: GraphQLContext) {
    return localWorkOf(ctx, d);
  }

  @Mutation(() => DigestThemeType, { description: "§16: catalogue editors extend the vocabulary." })
  async addDigestTheme(
    @Arg("input", () => AddThemeInput) input: AddThemeInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const t = await addTheme(ctx, input);
    return { ...t, id: t.code };
  }

  @Mutation(() => ImportReportType, {
    description:
      "§16: catalogue editors create or update records by `ref` (safe to repeat: a row already imported changes nothing). Bad rows are reported by position (1-based); the rest are imported.",
  })
  importNationalReviewDigests(
    @Arg("input", () => ImportInput) input: ImportInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return importDigests(
      ctx,
      input.rows.map((row, i) => ({ line: i + 1, input: row })),
    );
  }

  @Mutation(() => NationalReviewDigestType, {
    description: "§16: the SCR subgroup's decision on whether a review is relevant locally.",
  })
  recordDigestRelevance(
    @Arg("input", () => RelevanceInput) input: RelevanceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordRelevance(ctx, input);
  }

  @Mutation(() => NationalReviewDigestType, {
    description: "§16, §38: how a review's findings were spread. Business unit, SCR subgroup.",
  })
  recordDissemination(
    @Arg("input", () => DisseminationInputType) input: DisseminationInputType,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { digestId, ...fields } = input;
    return recordDissemination(ctx, digestId, fields, idempotencyKey);
  }

  @Query(() => DisseminationYearType, {
    description: "§34, §38: a year's dissemination of national reviews (board roles).",
  })
  async disseminationYear(@Arg("year", () => Int) year: number, @Ctx() ctx: GraphQLContext) {
    const y = await disseminationYear(ctx, year);
    return {
      ...y,
      id: String(y.year),
      events: y.tallies.reduce((n, t) => n + t.events, 0),
      reach: y.tallies.reduce((n, t) => n + t.reach, 0),
    };
  }
}

@Resolver(() => LocalDigestWorkType)
export class LocalDigestWorkResolver {
  @ListOf(MAX_RELEVANCE_DECISIONS)
  @FieldResolver(() => [RelevanceDecisionType], {
    description: `§16: oldest first (the last stands); at most ${MAX_RELEVANCE_DECISIONS}.`,
  })
  relevanceDecisions(@Root() l: DigestLocal, @Ctx() ctx: GraphQLContext) {
    return relevanceDecisionsOf(ctx, l);
  }

  @ListOf(MAX_DISSEMINATIONS)
  @FieldResolver(() => [DisseminationType], {
    description: `§16, §38: oldest first; at most ${MAX_DISSEMINATIONS}.`,
  })
  disseminations(@Root() l: DigestLocal, @Ctx() ctx: GraphQLContext) {
    return disseminationsOf(ctx, l);
  }

  @FieldResolver(() => ID)
  id(@Root() l: DigestLocal) {
    return l.digestId;
  }
}

@Resolver(() => ChallengeSessionType)
export class ChallengeSessionResolver {
  @Query(() => ChallengeSessionConnection, {
    description: "§16: your partnership's challenge sessions on a review, newest first.",
  })
  async challengeSessions(
    @Arg("digestId", () => ID) digestId: string,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listSessions(ctx, digestId, first, after));
  }

  @Query(() => ChallengeSessionType, { nullable: true, description: "Null when there is none." })
  challengeSession(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getSession(ctx, id));
  }

  @Mutation(() => ChallengeSessionType, {
    description:
      "§16: a session testing local services against a review (SCR subgroup, business unit).",
  })
  holdChallengeSession(
    @Arg("input", () => HoldSessionInput) input: HoldSessionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return holdChallengeSession(ctx, input, idempotencyKey);
  }

  @Mutation(() => ChallengeSessionType, {
    description:
      "§16: one finding tested. A gap makes a recommendation (source LOCAL_CHALLENGE), tracked as every other.",
  })
  recordChallengeOutcome(
    @Arg("input", () => OutcomeInputType) input: OutcomeInputType,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return recordChallengeOutcome(ctx, id, expectedVersion, fields, idempotencyKey);
  }

  @FieldResolver(() => NationalReviewDigestType)
  digest(@Root() s: ChallengeSession, @Ctx() ctx: GraphQLContext) {
    return getDigest(ctx, s.digestId);
  }

  @ListOf(30)
  @FieldResolver(() => [AgencyType], { description: "Agencies present." })
  async agenciesPresent(@Root() s: ChallengeSession, @Ctx() ctx: GraphQLContext) {
    const present = await attendanceOf(ctx, s);
    return Promise.all(present.map((a) => getAgency(ctx, a.agencyId)));
  }

  @ListOf(MAX_OUTCOMES)
  @FieldResolver(() => [ChallengeOutcomeType], {
    description: `Findings tested, oldest first; at most ${MAX_OUTCOMES}.`,
  })
  outcomes(@Root() s: ChallengeSession, @Ctx() ctx: GraphQLContext) {
    return outcomesOf(ctx, s);
  }
}

@Resolver(() => ChallengeOutcomeType)
export class ChallengeOutcomeResolver {
  @FieldResolver(() => RecommendationType, {
    nullable: true,
    description: "The recommendation a gap made (null if assured, or not yours to see).",
  })
  recommendation(@Root() o: ChallengeOutcome, @Ctx() ctx: GraphQLContext) {
    return o.recommendationId ? orNull(getRecommendation(ctx, o.recommendationId)) : null;
  }
}

/** The national review digest module's resolvers (§16, §38). */
export const DIGEST_RESOLVERS = [
  DigestResolver,
  CatalogueOfferResolver,
  RelevanceDecisionResolver,
  DisseminationResolver,
  LocalDigestWorkResolver,
  ChallengeSessionResolver,
  ChallengeOutcomeResolver,
] as const;
