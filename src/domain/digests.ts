import type { Versioned } from "./entities";
import { ValidationError } from "./errors";
import { optionalText, requiredName, requiredText, webAddress } from "./text";

/**
 * §16: the national catalogue of published reviews that every partnership of a deployment reads
 * (one record per review, whichever boards read it), and each partnership's own work on them:
 * whether a review is relevant locally (§16: "the SCR group will determine which ... appear to be
 * of most direct relevance"), challenge sessions that test local services against its findings,
 * and how its findings were disseminated (§16, §38).
 */

/** The vocabulary the catalogue starts with; its editors add more (themes are data). */
export const DEFAULT_THEMES: readonly (readonly [string, string])[] = [
  ["neglect", "Neglect"],
  ["domestic-abuse", "Domestic abuse"],
  ["parental-mental-health", "Parental mental health"],
  ["parental-substance-misuse", "Parental substance misuse"],
  ["adolescent-risk", "Adolescent risk"],
  ["child-sexual-exploitation", "Child sexual exploitation"],
  ["online-abuse", "Online abuse"],
  ["disguised-compliance", "Disguised compliance"],
  ["professional-curiosity", "Professional curiosity"],
  ["information-sharing", "Information sharing"],
  ["voice-of-the-child", "The voice of the child"],
  ["safe-sleep", "Safe sleep"],
  ["non-accidental-injury", "Non-accidental injury in infancy"],
  ["children-with-disabilities", "Children with disabilities"],
  ["escalation", "Escalation and challenge between agencies"],
];

/** A theme of the controlled vocabulary. */
export interface DigestTheme {
  readonly code: string;
  readonly label: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** The most themes the vocabulary holds (it is read whole to check a review's themes). */
export const MAX_THEMES = 200;
/** The most themes one review carries (each is one more index entry). */
export const MAX_THEMES_PER_DIGEST = 10;
export const MAX_PUBLISHED_RECOMMENDATIONS = 40;

/** Free-text limits of a catalogue record, in characters. */
export const DIGEST_LIMITS = {
  ref: 100,
  title: 300,
  publishingArea: 200,
  pseudonym: 100,
  summary: 6000,
  keyLearning: 6000,
  recommendation: 1500,
  sourceUrl: 2000,
  themeLabel: 100,
  reason: 4000,
  finding: 2000,
  evidence: 4000,
  service: 200,
  audience: 500,
  note: 2000,
} as const;

export const AGE_GROUPS = [
  "UNBORN",
  "UNDER_1",
  "AGE_1_TO_4",
  "AGE_5_TO_10",
  "AGE_11_TO_15",
  "AGE_16_TO_17",
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** A nationally published review, as the catalogue records it. */
export interface NationalReviewDigest extends Versioned {
  readonly id: string;
  /** The catalogue's own reference (the import's key: a second import of it updates it). */
  readonly ref: string;
  readonly title: string;
  /** Null when the review was published anonymously. */
  readonly publishingArea: string | null;
  readonly publishedOn: string;
  readonly ageGroup: AgeGroup | null;
  /** The child's pseudonym, where the review published one. */
  readonly pseudonym: string | null;
  readonly summary: string;
  readonly keyLearning: string;
  /** The recommendations as published (fixed with the record; at most 40). */
  readonly recommendations: readonly string[];
  readonly themes: readonly string[];
  readonly sourceUrl: string | null;
  /** When the national repository withdrew its copy; the catalogue record stays. */
  readonly sourceWithdrawnOn: string | null;
  /** The local review (reviews issue) this record was offered from, when it was. */
  readonly sourceReviewId: string | null;
  /** A hash of the fields above: an import of the same row changes nothing. */
  readonly contentHash: string;
  /** The contentHash the search index was last written for (null: not yet indexed). */
  readonly indexedHash: string | null;
}

/** A review as an editor or an import row gives it. */
export interface DigestInput {
  readonly ref: string;
  readonly title: string;
  readonly publishingArea?: string | null;
  readonly publishedOn: string;
  readonly ageGroup?: AgeGroup | null;
  readonly pseudonym?: string | null;
  readonly summary: string;
  readonly keyLearning: string;
  readonly recommendations?: readonly string[] | null;
  readonly themes: readonly string[];
  readonly sourceUrl?: string | null;
  readonly sourceWithdrawnOn?: string | null;
  readonly sourceReviewId?: string | null;
}

/** The earliest publication date the catalogue takes (older reviews are history, not digests). */
export const EARLIEST_PUBLICATION = "1970-01-01";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string, field: string, today: string, after?: string): string {
  const d = value.trim();
  if (
    !DATE.test(d) ||
    Number.isNaN(Date.parse(`${d}T00:00:00Z`)) ||
    new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d
  )
    throw new ValidationError(field, "A date is YYYY-MM-DD");
  if (d > today) throw new ValidationError(field, "The date is in the future");
  if (d < (after ?? EARLIEST_PUBLICATION))
    throw new ValidationError(field, `The date is before ${after ?? EARLIEST_PUBLICATION}`);
  return d;
}

/** A catalogue reference: letters, digits and - _ . / (it names the record across imports). */
const REF = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

const text = (value: string, field: string, what: string, max: number) =>
  requiredText(value, field, what, max);

function optional(value: string | null | undefined, field: string, max: number) {
  const v = optionalText(value);
  if (v !== null && [...v].length > max)
    throw new ValidationError(field, `At most ${max} characters`);
  return v;
}

/** The fields that make a record's content (what the content hash covers). */
export type DigestContent = Omit<
  NationalReviewDigest,
  keyof Versioned | "id" | "contentHash" | "indexedHash"
>;

/**
 * §16: a catalogue record checked field by field (every text bounded, every date bounded, the
 * themes from the vocabulary). `field` prefixes the input path of every error.
 */
export function checkDigest(
  input: DigestInput,
  vocabulary: ReadonlySet<string>,
  today: string,
  field = "input",
): DigestContent {
  const L = DIGEST_LIMITS;
  const ref = text(input.ref, `${field}.ref`, "The catalogue reference", L.ref);
  if (!REF.test(ref))
    throw new ValidationError(`${field}.ref`, "A reference is letters, digits and - _ . /");
  const publishedOn = checkDate(input.publishedOn, `${field}.publishedOn`, today);
  const withdrawn = optionalText(input.sourceWithdrawnOn);
  const themes = [...new Set(input.themes.map((t) => t.trim()))];
  if (themes.length === 0) throw new ValidationError(`${field}.themes`, "Give at least one theme");
  if (themes.length > MAX_THEMES_PER_DIGEST)
    throw new ValidationError(`${field}.themes`, `At most ${MAX_THEMES_PER_DIGEST} themes`);
  themes.forEach((t, i) => {
    if (!vocabulary.has(t))
      throw new ValidationError(`${field}.themes.${i}`, `No theme ${t} in the vocabulary`);
  });
  const recommendations = (input.recommendations ?? []).map((r, i) =>
    text(r, `${field}.recommendations.${i}`, "A recommendation", L.recommendation),
  );
  if (recommendations.length > MAX_PUBLISHED_RECOMMENDATIONS)
    throw new ValidationError(
      `${field}.recommendations`,
      `At most ${MAX_PUBLISHED_RECOMMENDATIONS} recommendations`,
    );
  if (input.ageGroup && !AGE_GROUPS.includes(input.ageGroup))
    throw new ValidationError(`${field}.ageGroup`, `One of ${AGE_GROUPS.join(", ")}`);
  const area = optional(input.publishingArea, `${field}.publishingArea`, L.publishingArea);
  const content: DigestContent = {
    ref,
    title: requiredName(input.title, `${field}.title`, "The title", L.title),
    publishingArea:
      area === null ? null : requiredName(area, `${field}.publishingArea`, "The area"),
    publishedOn,
    ageGroup: input.ageGroup ?? null,
    pseudonym: optional(input.pseudonym, `${field}.pseudonym`, L.pseudonym),
    summary: text(input.summary, `${field}.summary`, "The case summary", L.summary),
    keyLearning: text(input.keyLearning, `${field}.keyLearning`, "The key learning", L.keyLearning),
    recommendations,
    themes,
    sourceUrl: webAddress(
      optional(input.sourceUrl, `${field}.sourceUrl`, L.sourceUrl),
      `${field}.sourceUrl`,
    ),
    sourceWithdrawnOn: withdrawn
      ? checkDate(withdrawn, `${field}.sourceWithdrawnOn`, today, publishedOn)
      : null,
    sourceReviewId: optional(input.sourceReviewId, `${field}.sourceReviewId`, 100),
  };
  return content;
}

/** A new theme of the vocabulary: a lower-case code (letters, digits, hyphens) and a label. */
export function newTheme(
  input: { code: string; label: string },
  existing: number,
  by: string,
  at: string,
): DigestTheme {
  const code = input.code.trim();
  if (!/^[a-z][a-z0-9-]{1,49}$/.test(code))
    throw new ValidationError(
      "input.code",
      "A theme code is lower-case letters, digits and hyphens",
    );
  if (existing >= MAX_THEMES)
    throw new ValidationError("input", `The vocabulary holds at most ${MAX_THEMES} themes`);
  return {
    code,
    label: requiredName(input.label, "input.label", "The label", DIGEST_LIMITS.themeLabel),
    addedBy: by,
    addedAt: at,
  };
}

/** What an import did with one row. */
export type RowOutcome = "CREATED" | "UPDATED" | "UNCHANGED";

/** A row an import refused: its line in the file (or position in the request) and why. */
export interface RowError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** The most rows one import request takes (the CLI sends a file in requests of this size). */
export const MAX_IMPORT_ROWS = 100;

// ---------------------------------------------------------------------------------------------
// A partnership's own work on a national review (under its tenant prefix).
// ---------------------------------------------------------------------------------------------

export const DISSEMINATION_METHODS = ["BRIEFING", "NEWSLETTER", "TRAINING", "WEBSITE"] as const;
export type DisseminationMethod = (typeof DISSEMINATION_METHODS)[number];

/** Events and reach of one dissemination method. */
export interface MethodTally {
  readonly method: DisseminationMethod;
  readonly events: number;
  readonly reach: number;
}

/**
 * A partnership's record of one national review: its current relevance decision (the latest of
 * its decisions, each its own record) and the counts of what accumulates under it.
 */
export interface DigestLocal extends Versioned {
  readonly partnershipId: string;
  readonly digestId: string;
  /** The latest decision; null until the SCR group has decided. */
  readonly relevant: boolean | null;
  /** The day the latest decision was made (absent on records made before it was kept). */
  readonly relevanceDecidedOn?: string | null;
  readonly relevanceCount: number;
  readonly sessionCount: number;
  readonly disseminationCount: number;
  /** Events and reach per method (at most one entry per method). */
  readonly tallies: readonly MethodTally[];
}

/** §16: the SCR group's decision on whether a national review is relevant locally, and why. */
export interface RelevanceDecision {
  readonly id: string;
  readonly relevant: boolean;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedOn: string;
  readonly recordedAt: string;
}

export const MAX_RELEVANCE_DECISIONS = 50;
export const MAX_SESSIONS_PER_DIGEST = 50;
export const MAX_DISSEMINATIONS = 200;

/** Who records and when (as recommendations' Recording). */
export interface Recorder {
  readonly by: string;
  readonly at: string;
  readonly today: string;
}

/** A partnership's record of a review before anything was recorded. */
export function emptyLocal(partnershipId: string, digestId: string, at: string): DigestLocal {
  return {
    partnershipId,
    digestId,
    relevant: null,
    relevanceDecidedOn: null,
    relevanceCount: 0,
    sessionCount: 0,
    disseminationCount: 0,
    tallies: [],
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** §16: a relevance decision (the latest one stands; earlier ones stay as history). */
export function decideRelevance(
  local: DigestLocal,
  input: { relevant: boolean; reason: string; decidedOn: string },
  digest: NationalReviewDigest,
  id: string,
  rec: Recorder,
): { change: Partial<DigestLocal>; decision: RelevanceDecision } {
  if (local.relevanceCount >= MAX_RELEVANCE_DECISIONS)
    throw new ValidationError(
      "input",
      `A review takes at most ${MAX_RELEVANCE_DECISIONS} decisions`,
    );
  const decidedOn = checkDate(input.decidedOn, "input.decidedOn", rec.today, "2000-01-01");
  if (decidedOn < digest.publishedOn)
    throw new ValidationError("input.decidedOn", "The decision is before the review was published");
  return {
    change: {
      relevant: input.relevant,
      relevanceDecidedOn: decidedOn,
      relevanceCount: local.relevanceCount + 1,
    },
    decision: {
      id,
      relevant: input.relevant,
      reason: text(input.reason, "input.reason", "The reason", DIGEST_LIMITS.reason),
      decidedBy: rec.by,
      decidedOn,
      recordedAt: rec.at,
    },
  };
}

/** §16: a session testing named local services against a national review's findings. */
export interface ChallengeSession extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly digestId: string;
  readonly heldOn: string;
  readonly servicesTested: readonly string[];
  /** Agencies present (each its own record). */
  readonly attendanceCount: number;
  /** Findings tested (each its own record). */
  readonly outcomeCount: number;
  readonly gapCount: number;
  readonly recordedBy: string;
}

/** An agency present at a session. */
export interface Attendance {
  readonly id: string;
  readonly agencyId: string;
}

export const CHALLENGE_OUTCOMES = ["ASSURED", "GAP_FOUND"] as const;
export type ChallengeOutcomeKind = (typeof CHALLENGE_OUTCOMES)[number];

/** §16: the outcome of testing local services against one finding. */
export interface ChallengeOutcome {
  readonly id: string;
  readonly finding: string;
  readonly outcome: ChallengeOutcomeKind;
  /** The evidence that assured the session (ASSURED). */
  readonly evidence: string | null;
  /** The gap found (GAP_FOUND). */
  readonly gap: string | null;
  /** The recommendation the gap made (GAP_FOUND), tracked as every other (§35–37). */
  readonly recommendationId: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const MAX_SERVICES_TESTED = 20;
export const MAX_OUTCOMES = 100;

export interface SessionInput {
  readonly digestId: string;
  readonly heldOn: string;
  readonly servicesTested: readonly string[];
  readonly agencyIdsPresent: readonly string[];
}

/** §16: a challenge session as held (after the review was published, not in the future). */
export function newSession(
  input: SessionInput,
  digest: NationalReviewDigest,
  local: DigestLocal,
  id: string,
  partnershipId: string,
  rec: Recorder,
): ChallengeSession {
  const heldOn = checkDate(input.heldOn, "input.heldOn", rec.today, "2000-01-01");
  if (heldOn < digest.publishedOn)
    throw new ValidationError("input.heldOn", "The session is before the review was published");
  const services = input.servicesTested.map((s, i) =>
    requiredName(s, `input.servicesTested.${i}`, "A service", DIGEST_LIMITS.service),
  );
  if (services.length === 0)
    throw new ValidationError("input.servicesTested", "Name the local services tested");
  if (services.length > MAX_SERVICES_TESTED)
    throw new ValidationError("input.servicesTested", `At most ${MAX_SERVICES_TESTED} services`);
  if (new Set(input.agencyIdsPresent).size !== input.agencyIdsPresent.length)
    throw new ValidationError("input.agencyIdsPresent", "An agency is repeated");
  if (input.agencyIdsPresent.length === 0)
    throw new ValidationError("input.agencyIdsPresent", "Name the agencies present");
  if (local.sessionCount >= MAX_SESSIONS_PER_DIGEST)
    throw new ValidationError(
      "input",
      `A review takes at most ${MAX_SESSIONS_PER_DIGEST} sessions`,
    );
  return {
    id,
    partnershipId,
    digestId: digest.id,
    heldOn,
    servicesTested: services,
    attendanceCount: input.agencyIdsPresent.length,
    outcomeCount: 0,
    gapCount: 0,
    recordedBy: rec.by,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

export interface OutcomeInput {
  readonly finding: string;
  readonly outcome: ChallengeOutcomeKind;
  readonly evidence?: string | null;
  readonly gap?: string | null;
}

/**
 * §16: one finding tested: assured (with the evidence that assured the session) or a gap found
 * (described; the service then makes the recommendation, so that §37 counts this learning).
 */
export function newOutcome(
  session: ChallengeSession,
  input: OutcomeInput,
  id: string,
  recommendationId: string | null,
  rec: Recorder,
): { change: Partial<ChallengeSession>; outcome: ChallengeOutcome } {
  if (session.outcomeCount >= MAX_OUTCOMES)
    throw new ValidationError("input", `A session records at most ${MAX_OUTCOMES} findings`);
  const L = DIGEST_LIMITS;
  const finding = text(input.finding, "input.finding", "The finding tested", L.finding);
  const assured = input.outcome === "ASSURED";
  if (assured && optionalText(input.gap))
    throw new ValidationError("input.gap", "An assured finding has no gap");
  if (!assured && optionalText(input.evidence))
    throw new ValidationError("input.evidence", "Give the gap, not evidence of assurance");
  return {
    change: {
      outcomeCount: session.outcomeCount + 1,
      gapCount: session.gapCount + (assured ? 0 : 1),
    },
    outcome: {
      id,
      finding,
      outcome: input.outcome,
      evidence: assured
        ? text(input.evidence ?? "", "input.evidence", "The evidence of assurance", L.evidence)
        : null,
      gap: assured ? null : text(input.gap ?? "", "input.gap", "The gap found", L.evidence),
      recommendationId: assured ? null : recommendationId,
      recordedBy: rec.by,
      recordedAt: rec.at,
    },
  };
}

/** §16, §38: one occasion on which a review's findings were spread. */
export interface Dissemination {
  readonly id: string;
  readonly method: DisseminationMethod;
  readonly audience: string;
  readonly on: string;
  /** How many people it reached (as counted or estimated by whoever recorded it). */
  readonly reach: number;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface DisseminationInput {
  readonly method: DisseminationMethod;
  readonly audience: string;
  readonly on: string;
  readonly reach: number;
  readonly note?: string | null;
}

/** The largest reach one event records (a national newsletter, at most). */
export const MAX_REACH = 1_000_000;

/** §16, §38: dissemination as recorded, with the review's tallies counting it. */
export function newDissemination(
  local: DigestLocal,
  digest: NationalReviewDigest,
  input: DisseminationInput,
  id: string,
  rec: Recorder,
): { change: Partial<DigestLocal>; event: Dissemination } {
  if (local.disseminationCount >= MAX_DISSEMINATIONS)
    throw new ValidationError("input", `A review records at most ${MAX_DISSEMINATIONS} events`);
  const on = checkDate(input.on, "input.on", rec.today, "2000-01-01");
  if (on < digest.publishedOn)
    throw new ValidationError("input.on", "The event is before the review was published");
  if (!Number.isInteger(input.reach) || input.reach < 0 || input.reach > MAX_REACH)
    throw new ValidationError("input.reach", `Reach is a whole number from 0 to ${MAX_REACH}`);
  const tallies = DISSEMINATION_METHODS.map((method) => {
    const t = local.tallies.find((x) => x.method === method) ?? { method, events: 0, reach: 0 };
    return method === input.method
      ? { method, events: t.events + 1, reach: t.reach + input.reach }
      : t;
  }).filter((t) => t.events > 0);
  return {
    change: { disseminationCount: local.disseminationCount + 1, tallies },
    event: {
      id,
      method: input.method,
      audience: text(input.audience, "input.audience", "Who it reached", DIGEST_LIMITS.audience),
      on,
      reach: input.reach,
      note: optional(input.note, "input.note", DIGEST_LIMITS.note),
      recordedBy: rec.by,
      recordedAt: rec.at,
    },
  };
}

/** §34, §38: a year's dissemination for the annual report, by method. */
export interface DisseminationYear {
  readonly year: number;
  readonly tallies: readonly MethodTally[];
}

/** The years the annual summary may be asked for. */
export function checkYear(year: number, field: string, today: string): number {
  if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4)))
    throw new ValidationError(field, "A year from 2000 to this year");
  return year;
}

/**
 * §16, §38: a partnership's published SCR offered to the national catalogue. Only a catalogue
 * editor puts it in the catalogue (accepting the offer); until then it is the offer alone.
 */
export interface CatalogueOffer extends Versioned {
  /** `<partnershipId>:<reviewId>`: one offer per review. */
  readonly id: string;
  readonly partnershipId: string;
  readonly reviewId: string;
  /** The catalogue row it would become (checked when offered and again when accepted). */
  readonly row: DigestInput;
  readonly status: "OFFERED" | "ACCEPTED";
  readonly offeredBy: string;
  readonly offeredOn: string;
  readonly acceptedBy: string | null;
  readonly acceptedOn: string | null;
}

/** What an offer says beyond the publication: the themes, and how the child is published. */
export interface OfferInput {
  readonly themes: readonly string[];
  readonly ageGroup?: AgeGroup | null;
  readonly pseudonym?: string | null;
  readonly publishingArea?: string | null;
}

/**
 * The catalogue row of a published local SCR: its public title, summary and action statement,
 * the report on the board's website, and the review it came from. Nothing that is not public.
 */
export function offerRow(
  publication: {
    readonly title: string;
    readonly summary: string;
    readonly actionStatement: string | null;
    readonly publishedOn: string;
    readonly reportUrl: string;
  },
  review: { readonly id: string },
  partnership: { readonly code: string; readonly name: string },
  input: OfferInput,
): DigestInput {
  return {
    ref: `local/${partnership.code}/${review.id}`,
    title: publication.title,
    publishingArea: input.publishingArea ?? partnership.name,
    publishedOn: publication.publishedOn,
    ageGroup: input.ageGroup ?? null,
    pseudonym: input.pseudonym ?? null,
    summary: publication.summary,
    keyLearning: publication.summary,
    recommendations: publication.actionStatement ? [publication.actionStatement] : [],
    themes: input.themes,
    sourceUrl: publication.reportUrl,
    sourceReviewId: review.id,
  };
}
