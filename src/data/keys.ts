/**
 * Key builders, used only by the entity declarations. Every key of a tenant's record starts with
 * `T#<partnershipId>`, built from the principal's own partnership, so no request can address
 * another partnership's items.
 */
export type EntityType =
  | "PARTNERSHIP"
  | "AGENCY"
  | "PERSON"
  | "CASE"
  | "NOTIFICATION"
  | "RECOMMENDATION"
  | "ACTION"
  | "OVERDUE_SUMMARY"
  | "IDEMPOTENCY"
  | "PARTNER_SYSTEM"
  | "REVIEW"
  | "REVIEW_MILESTONE"
  | "CONTRIBUTION"
  | "REVIEWER"
  | "PUBLISHED_LEARNING"
  | "PRIORITY"
  | "AUDIT_GROUP"
  | "AUDIT_MEETING"
  | "AUDIT_EXERCISE"
  | "AGENCY_AUDIT"
  | "S11_STANDARD"
  | "NEAR_MISS"
  | "NEAR_MISS_COUNT"
  | "ESCALATION"
  | "REFLECTION"
  | "DIGEST"
  | "CHALLENGE"
  | "DISSEMINATION_YEAR";

const tenant = (partnershipId: string) => `T#${partnershipId}`;

export const META = "META";

/** Partition key of one record's item collection. */
export const entityPk = (partnershipId: string, type: EntityType, id: string) =>
  `${tenant(partnershipId)}#${type}#${id}`;

/** Partition of the byPartnershipType index: all records of a type in one partnership. */
export const listPk = (partnershipId: string, type: EntityType) =>
  `${tenant(partnershipId)}#${type}`;

/** Partition of the byAgency index: records of a type linked to one agency. */
export const agencyPk = (partnershipId: string, agencyId: string, type: EntityType) =>
  `${tenant(partnershipId)}#AGENCY#${agencyId}#${type}`;

/** Partition of the byStatus index. */
export const statusPk = (partnershipId: string, type: EntityType, status: string) =>
  `${tenant(partnershipId)}#${type}#STATUS#${status}`;

/** Partition of the byKind index. */
export const kindPk = (partnershipId: string, type: EntityType, kind: string) =>
  `${tenant(partnershipId)}#${type}#KIND#${kind}`;

/** Partition of the byDueDate index. */
export const duePk = (partnershipId: string, type: EntityType) =>
  `${tenant(partnershipId)}#${type}#DUE`;

/** Partition of the byRevisitDate index. */
export const revisitPk = (partnershipId: string, type: EntityType) =>
  `${tenant(partnershipId)}#${type}#REVISIT`;

/** Partition of the global partnership list (the scheduled jobs' starting point). */
export const ALL_PARTNERSHIPS = "PARTNERSHIPS";

/**
 * Partition of the cases whose agencies changed and whose notifications' agency lists have not
 * all followed yet (the lists job's work queue; sort key: the case's own partition key).
 */
export const PENDING_LISTS = "JOBS#NOTIFICATION_LISTS";

/** Sort key of a record's involvement item for one agency. */
export const involvementSk = (agencyId: string) => `AGENCY#${agencyId}`;

/**
 * Sign-in look-ups, outside every tenant: a person by their identity (Cognito's `sub`, read by
 * the pre-token trigger, which may read nothing else), a partner system by its app client id.
 */
export const identityPk = (sub: string) => `IDENTITY#${sub}`;
export const clientPk = (clientId: string) => `CLIENT#${clientId}`;

/**
 * The national review catalogue (§16), shared by every partnership of the deployment and so
 * outside every tenant prefix: its records, its theme vocabulary and its search index (a
 * partition of postings per word stem, per theme, and one of every record), each posting sorted
 * by `<publishedOn>#<id>`. Nothing of a partnership is stored under these keys.
 */
export const catalogueDigestPk = (id: string) => `CATALOGUE#DIGEST#${id}`;
export const CATALOGUE_THEMES = "CATALOGUE#THEMES";
/** §16: a partnership's review offered to the catalogue, and the list of offers. */
export const catalogueOfferPk = (id: string) => `CATALOGUE#OFFER#${id}`;
export const CATALOGUE_OFFERS = "CATALOGUE#OFFERS";
export const catalogueTermPk = (stem: string) => `CATALOGUE#TERM#${stem}`;
export const catalogueThemePk = (code: string) => `CATALOGUE#THEME#${code}`;
export const CATALOGUE_ALL = "CATALOGUE#ALL";

/** Public look-up of a partnership by its code (the only key outside a tenant prefix). */
export const publicCodePk = (code: string) => `PUBLIC#PARTNERSHIP#${code}`;

/** Access log partitions: by case, and (index) by the subject who read. */
export const accessCasePk = (partnershipId: string, caseId: string) =>
  `${tenant(partnershipId)}#CASE#${caseId}`;
export const accessSubjectPk = (partnershipId: string, subject: string) =>
  `${tenant(partnershipId)}#SUBJECT#${subject}`;

/** Sort key of records listed by a date: `<date>#<id>` (dates sort as text). */
export const dated = (date: string, id: string) => `${date}#${id}`;
