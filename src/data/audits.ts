import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type {
  AgencyAudit,
  AgencyAuditKind,
  Attendance,
  AuditEntry,
  AuditExercise,
  AuditFinding,
  AuditGroup,
  AuditGroupMeeting,
  AuditGroupMember,
  BusinessPriority,
  CaseReviewed,
  ExerciseCase,
  Section11Standard,
  StandardRating,
} from "../domain/audits";
import type { DateRange } from "../domain/dates";
import { ConflictError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import {
  cancellationReasons,
  dateRangeKeys,
  putNew,
  queryAll,
  queryPage,
  type TransactItem,
  transactVersioned,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { agencyPk, dated, entityPk, kindPk, listPk, META, statusPk } from "./keys";

/**
 * Business-plan priorities, the audit group (its record, members, meetings, exercises) and
 * agencies' audits with Section 11 standards. Everything that accumulates (members, attendance,
 * cases reviewed, exercise cases, findings, audit entries, ratings) is its own item numbered in
 * its parent's collection, the parent holding the count.
 */

export const PriorityEntity = defineEntity<BusinessPriority>()({
  type: "PRIORITY",
  attributes: {
    id: "string",
    partnershipId: "string",
    title: "string",
    periodFrom: "string",
    periodTo: "string",
    owner: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "PRIORITY", k.id), sk: META }),
  indexes: {
    byPartnershipType: (p) => ({
      pk: listPk(p.partnershipId, "PRIORITY"),
      sk: dated(p.periodFrom, p.id),
    }),
  },
});

/** The group's record: one per partnership. */
const GROUP_ID = "GROUP";
const groupPk = (partnershipId: string) => entityPk(partnershipId, "AUDIT_GROUP", GROUP_ID);

export const AuditGroupEntity = defineEntity<AuditGroup>()({
  type: "AUDIT_GROUP",
  attributes: {
    partnershipId: "string",
    memberCount: "number",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId"],
  key: (k) => ({ pk: groupPk(k.partnershipId), sk: META }),
});

const Members = defineChildren<AuditGroupMember>({
  type: "AUDIT_MEMBER",
  attributes: {
    id: "string",
    name: "string",
    jobTitle: "string?",
    agencyId: "string?",
    memberRole: "string",
    from: "string",
    to: "string?",
    recordedAt: "string",
  },
  key: (k) => ({ pk: groupPk(k.partnershipId), sk: seqSk("MEMBER", k.seq) }),
});

export const MeetingEntity = defineEntity<AuditGroupMeeting>()({
  type: "AUDIT_MEETING",
  attributes: {
    id: "string",
    partnershipId: "string",
    heldOn: "string",
    notes: "string?",
    attendanceCount: "number",
    caseReviewedCount: "number",
    recordedBy: "string",
    createdAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  // One meeting a day: its id is its date, so a second one that day is refused by its key.
  key: (k) => ({ pk: entityPk(k.partnershipId, "AUDIT_MEETING", k.id), sk: META }),
  indexes: {
    byPartnershipType: (m) => ({ pk: listPk(m.partnershipId, "AUDIT_MEETING"), sk: m.heldOn }),
  },
});

const meetingPk = (partnershipId: string, id: string) =>
  entityPk(partnershipId, "AUDIT_MEETING", id);

const AttendanceItems = defineChildren<Attendance>({
  type: "ATTENDANCE",
  attributes: { id: "string", memberId: "string", name: "string" },
  key: (k) => ({ pk: meetingPk(k.partnershipId, k.parentId), sk: seqSk("ATTENDANCE", k.seq) }),
});

const CasesReviewed = defineChildren<CaseReviewed>({
  type: "CASE_REVIEWED",
  attributes: { id: "string", caseId: "string" },
  key: (k) => ({ pk: meetingPk(k.partnershipId, k.parentId), sk: seqSk("CASE", k.seq) }),
});

/** Completed substantial exercises, by completion date (§13's count), on byStatus. */
const COMPLETED_SUBSTANTIAL = "COMPLETED_SUBSTANTIAL";

export const ExerciseEntity = defineEntity<AuditExercise>()({
  type: "AUDIT_EXERCISE",
  attributes: {
    id: "string",
    partnershipId: "string",
    theme: "string",
    businessPriorityId: "string?",
    substantial: "boolean",
    startedOn: "string",
    completedOn: "string?",
    caseCount: "number",
    findingCount: "number",
    createdBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "AUDIT_EXERCISE", k.id), sk: META }),
  indexes: {
    byPartnershipType: (e) => ({
      pk: listPk(e.partnershipId, "AUDIT_EXERCISE"),
      sk: dated(e.startedOn, e.id),
    }),
    byStatus: (e) =>
      e.substantial && e.completedOn
        ? {
            pk: statusPk(e.partnershipId, "AUDIT_EXERCISE", COMPLETED_SUBSTANTIAL),
            sk: dated(e.completedOn, e.id),
          }
        : null,
  },
});

const exercisePk = (partnershipId: string, id: string) =>
  entityPk(partnershipId, "AUDIT_EXERCISE", id);

const ExerciseCases = defineChildren<ExerciseCase>({
  type: "EXERCISE_CASE",
  attributes: { id: "string", caseId: "string", agencyIds: "list" },
  key: (k) => ({ pk: exercisePk(k.partnershipId, k.parentId), sk: seqSk("CASE", k.seq) }),
});

const ExerciseFindings = defineChildren<AuditFinding>({
  type: "FINDING",
  attributes: { id: "string", text: "string", recordedBy: "string", recordedAt: "string" },
  key: (k) => ({ pk: exercisePk(k.partnershipId, k.parentId), sk: seqSk("FINDING", k.seq) }),
});

export const AgencyAuditEntity = defineEntity<AgencyAudit>()({
  type: "AGENCY_AUDIT",
  attributes: {
    id: "string",
    partnershipId: "string",
    agencyId: "string",
    kind: "string",
    title: "string",
    scope: "string",
    trigger: "string?",
    startedOn: "string",
    completedOn: "string?",
    businessPriorityId: "string?",
    entryCount: "number",
    ratingCount: "number",
    createdBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "AGENCY_AUDIT", k.id), sk: META }),
  indexes: {
    byPartnershipType: (a) => ({
      pk: listPk(a.partnershipId, "AGENCY_AUDIT"),
      sk: dated(a.startedOn, a.id),
    }),
    byAgency: (a) => ({
      pk: agencyPk(a.partnershipId, a.agencyId, "AGENCY_AUDIT"),
      sk: dated(a.startedOn, a.id),
    }),
    byKind: (a) => ({
      pk: kindPk(a.partnershipId, "AGENCY_AUDIT", a.kind),
      sk: dated(a.startedOn, a.id),
    }),
  },
});

const auditPk = (partnershipId: string, id: string) => entityPk(partnershipId, "AGENCY_AUDIT", id);

const Entries = defineChildren<AuditEntry>({
  type: "AUDIT_ENTRY",
  attributes: {
    id: "string",
    kind: "string",
    text: "string",
    on: "string",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: auditPk(k.partnershipId, k.parentId), sk: seqSk("ENTRY", k.seq) }),
});

const Ratings = defineChildren<StandardRating>({
  type: "S11_RATING",
  attributes: {
    id: "string",
    standardId: "string",
    rating: "string",
    evidence: "string",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: auditPk(k.partnershipId, k.parentId), sk: seqSk("RATING", k.seq) }),
});

export const StandardEntity = defineEntity<Section11Standard>()({
  type: "S11_STANDARD",
  attributes: {
    id: "string",
    partnershipId: "string",
    number: "number",
    title: "string",
    description: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "S11_STANDARD", k.id), sk: META }),
  indexes: {
    byPartnershipType: (s) => ({
      pk: listPk(s.partnershipId, "S11_STANDARD"),
      sk: `${String(s.number).padStart(3, "0")}#${s.id}`,
    }),
  },
});

/** Which agency audits a list covers: every agency's (optionally of one kind), or one agency's. */
export type AgencyAuditList =
  | { readonly by: "ALL" }
  | { readonly by: "KIND"; readonly kind: AgencyAuditKind }
  | { readonly by: "AGENCY"; readonly agencyId: string };

/** A parent's children read by count: oldest first, all of them (each kind is capped). */
const allOf = (partnershipId: string, parentId: string, count: number) => ({
  partnershipId,
  parentId,
  seqs: seqWindow(count),
});

export class AuditRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  // Priorities ---------------------------------------------------------------------------------

  createPriority(p: BusinessPriority, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, p.id, [
      putNew(this.table, PriorityEntity.item(p)),
    ]);
  }

  getPriorities(pid: string, ids: readonly string[]): Promise<Map<string, BusinessPriority>> {
    return getMany(
      this.doc,
      this.table,
      PriorityEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (p) => p.id,
    );
  }

  async listPriorities(pid: string, first: number, after?: string | null) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "PRIORITY"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => PriorityEntity.fromItem(i));
  }

  // The group and its members -------------------------------------------------------------------

  /** The group's record; a partnership whose group has no member yet has a fresh one. */
  async getGroup(pid: string, at: string): Promise<AuditGroup> {
    const found = await getMany(
      this.doc,
      this.table,
      AuditGroupEntity,
      [{ partnershipId: pid }],
      (g) => g.partnershipId,
    );
    return (
      found.get(pid) ?? {
        partnershipId: pid,
        memberCount: 0,
        version: 0,
        createdAt: at,
        updatedAt: at,
      }
    );
  }

  /** Every member, oldest first (at most MAX_AUDIT_MEMBERS: one BatchGet). */
  async members(group: AuditGroup): Promise<AuditGroupMember[]> {
    const found = await Members.read(this.doc, this.table, [
      allOf(group.partnershipId, GROUP_ID, group.memberCount),
    ]);
    return found.get(GROUP_ID) ?? [];
  }

  /** Adds a member, with the group counting one more, guarded by the version it was read at. */
  async addMember(next: AuditGroup, expectedVersion: number, member: AuditGroupMember) {
    const group: TransactItem =
      expectedVersion === 0
        ? putNew(this.table, AuditGroupEntity.item(next))
        : versionedPut(this.table, AuditGroupEntity.item(next), expectedVersion);
    await transactVersioned(
      this.doc,
      [
        group,
        Members.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: GROUP_ID, seq: next.memberCount },
          member,
        ),
      ],
      { name: "Audit group", id: GROUP_ID },
      expectedVersion,
    );
  }

  // Meetings -----------------------------------------------------------------------------------

  /** Records a meeting with its attendance and cases reviewed (one transaction; one a day). */
  createMeeting(
    m: AuditGroupMeeting,
    attendance: readonly Attendance[],
    cases: readonly CaseReviewed[],
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    const key = (seq: number) => ({ partnershipId: m.partnershipId, parentId: m.id, seq });
    return createOnce(this.doc, this.table, claim, m.id, [
      putNew(this.table, MeetingEntity.item(m)),
      ...attendance.map((a, i) => AttendanceItems.put(this.table, key(i + 1), a)),
      ...cases.map((c, i) => CasesReviewed.put(this.table, key(i + 1), c)),
    ]).catch((err: unknown) => {
      // The meeting's key is its date: a condition failing here is a meeting already that day.
      if (cancellationReasons(err)?.includes("ConditionalCheckFailed"))
        throw new ConflictError(`A meeting on ${m.heldOn} is already recorded`, "STATE");
      throw err;
    });
  }

  getMeetings(pid: string, ids: readonly string[]): Promise<Map<string, AuditGroupMeeting>> {
    return getMany(
      this.doc,
      this.table,
      MeetingEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (m) => m.id,
    );
  }

  /** A page of meetings, newest first, optionally in a date range. */
  async listMeetings(
    pid: string,
    range: DateRange | undefined,
    first: number,
    after?: string | null,
  ) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "AUDIT_MEETING"),
      range: meetingRange(range),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => MeetingEntity.fromItem(i));
  }

  /**
   * The dates of the meetings in a period (every page; at most one meeting a day, so a year is at
   * most 366 small items: one request).
   */
  async meetingDates(pid: string, period: DateRange): Promise<string[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "AUDIT_MEETING"),
      range: meetingRange(period),
    });
    return items.map((i) => MeetingEntity.fromItem(i).heldOn);
  }

  /** The date of the last meeting before `date`, if any (one Query of one item). */
  async lastMeetingBefore(pid: string, date: string): Promise<string | null> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: "byPartnershipType",
        KeyConditionExpression: "#p = :p AND #s < :s",
        ExpressionAttributeNames: { "#p": "listPk", "#s": "listSk" },
        ExpressionAttributeValues: { ":p": listPk(pid, "AUDIT_MEETING"), ":s": date },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = res.Items?.[0];
    return item ? MeetingEntity.fromItem(item).heldOn : null;
  }

  /** Attendance of each meeting (BatchGets for all of them). */
  attendance(ms: readonly AuditGroupMeeting[]) {
    return AttendanceItems.read(
      this.doc,
      this.table,
      ms.map((m) => allOf(m.partnershipId, m.id, m.attendanceCount)),
    );
  }

  /** Cases reviewed at each meeting (BatchGets for all of them). */
  casesReviewed(ms: readonly AuditGroupMeeting[]) {
    return CasesReviewed.read(
      this.doc,
      this.table,
      ms.map((m) => allOf(m.partnershipId, m.id, m.caseReviewedCount)),
    );
  }

  // Exercises ----------------------------------------------------------------------------------

  createExercise(
    e: AuditExercise,
    cases: readonly ExerciseCase[],
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, e.id, [
      putNew(this.table, ExerciseEntity.item(e)),
      ...cases.map((c, i) =>
        ExerciseCases.put(
          this.table,
          { partnershipId: e.partnershipId, parentId: e.id, seq: i + 1 },
          c,
        ),
      ),
    ]);
  }

  getExercises(pid: string, ids: readonly string[]): Promise<Map<string, AuditExercise>> {
    return getMany(
      this.doc,
      this.table,
      ExerciseEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (e) => e.id,
    );
  }

  async listExercises(pid: string, first: number, after?: string | null) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "AUDIT_EXERCISE"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => ExerciseEntity.fromItem(i));
  }

  /**
   * Completion dates of substantial exercises in a period, up to `limit` (the compliance view
   * needs to know only whether there are three).
   */
  async substantialCompletions(pid: string, period: DateRange, limit: number): Promise<string[]> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byStatus",
      partition: statusPk(pid, "AUDIT_EXERCISE", COMPLETED_SUBSTANTIAL),
      range: dateRangeKeys(period),
      first: limit,
    });
    return page.edges.map((e) => ExerciseEntity.fromItem(e.node).completedOn as string);
  }

  exerciseCases(es: readonly AuditExercise[]) {
    return ExerciseCases.read(
      this.doc,
      this.table,
      es.map((e) => allOf(e.partnershipId, e.id, e.caseCount)),
    );
  }

  exerciseFindings(es: readonly AuditExercise[]) {
    return ExerciseFindings.read(
      this.doc,
      this.table,
      es.map((e) => allOf(e.partnershipId, e.id, e.findingCount)),
    );
  }

  async addExerciseFinding(next: AuditExercise, expectedVersion: number, f: AuditFinding) {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, ExerciseEntity.item(next), expectedVersion),
        ExerciseFindings.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.findingCount },
          f,
        ),
      ],
      { name: "Audit exercise", id: next.id },
      expectedVersion,
    );
  }

  async saveExercise(next: AuditExercise, expectedVersion: number) {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, ExerciseEntity.item(next), expectedVersion)],
      { name: "Audit exercise", id: next.id },
      expectedVersion,
    );
  }

  // Agency audits and Section 11 ----------------------------------------------------------------

  createAgencyAudit(a: AgencyAudit, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, a.id, [
      putNew(this.table, AgencyAuditEntity.item(a)),
    ]);
  }

  getAgencyAudits(pid: string, ids: readonly string[]): Promise<Map<string, AgencyAudit>> {
    return getMany(
      this.doc,
      this.table,
      AgencyAuditEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (a) => a.id,
    );
  }

  async listAgencyAudits(
    pid: string,
    list: AgencyAuditList,
    first: number,
    after?: string | null,
  ): Promise<Page<AgencyAudit>> {
    const base = { table: this.table, first, after, newestFirst: true };
    const q =
      list.by === "AGENCY"
        ? {
            ...base,
            index: "byAgency" as const,
            partition: agencyPk(pid, list.agencyId, "AGENCY_AUDIT"),
          }
        : list.by === "KIND"
          ? { ...base, index: "byKind" as const, partition: kindPk(pid, "AGENCY_AUDIT", list.kind) }
          : {
              ...base,
              index: "byPartnershipType" as const,
              partition: listPk(pid, "AGENCY_AUDIT"),
            };
    const page = await queryPage(this.doc, q);
    return mapPage(page, (i) => AgencyAuditEntity.fromItem(i));
  }

  entries(as: readonly AgencyAudit[]) {
    return Entries.read(
      this.doc,
      this.table,
      as.map((a) => allOf(a.partnershipId, a.id, a.entryCount)),
    );
  }

  ratings(as: readonly AgencyAudit[]) {
    return Ratings.read(
      this.doc,
      this.table,
      as.map((a) => allOf(a.partnershipId, a.id, a.ratingCount)),
    );
  }

  /** Saves an audit counting one more entry or rating, with it, guarded by the version read. */
  async addToAudit(
    next: AgencyAudit,
    expectedVersion: number,
    child: { entry: AuditEntry } | { rating: StandardRating },
  ) {
    const key = { partnershipId: next.partnershipId, parentId: next.id };
    const put =
      "entry" in child
        ? Entries.put(this.table, { ...key, seq: next.entryCount }, child.entry)
        : Ratings.put(this.table, { ...key, seq: next.ratingCount }, child.rating);
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, AgencyAuditEntity.item(next), expectedVersion), put],
      { name: "Agency audit", id: next.id },
      expectedVersion,
    );
  }

  createStandard(s: Section11Standard, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, s.id, [
      putNew(this.table, StandardEntity.item(s)),
    ]);
  }

  getStandards(pid: string, ids: readonly string[]): Promise<Map<string, Section11Standard>> {
    return getMany(
      this.doc,
      this.table,
      StandardEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (s) => s.id,
    );
  }

  async listStandards(pid: string, first: number, after?: string | null) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "S11_STANDARD"),
      first,
      after,
    });
    return mapPage(page, (i) => StandardEntity.fromItem(i));
  }
}

/** Meetings sort by their date alone (one a day): an inclusive range of dates. */
function meetingRange(range: DateRange | undefined) {
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  if (from && to) return { between: [from, to] as const };
  if (from) return { gte: from };
  if (to) return { between: ["0000", to] as const };
  return undefined;
}
