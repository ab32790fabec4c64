import { describe, expect, it } from "vitest";
import { CaseEntity } from "../../src/data/cases";
import { StoredItemError } from "../../src/data/entity";
import { NotificationEntity } from "../../src/data/notifications";
import type { Case } from "../../src/domain/entities";
import type { IncidentNotification } from "../../src/domain/notifications";

const aCase: Case = {
  id: "c1",
  partnershipId: "p1",
  pseudonym: "Child ABCDEF",
  status: "OPEN",
  agencyIds: ["a1"],
  version: 3,
  createdAt: "2026-01-05T09:00:00.000Z",
  updatedAt: "2026-01-06T09:00:00.000Z",
};

function notification(over: Partial<IncidentNotification> = {}): IncidentNotification {
  return {
    id: "n1",
    partnershipId: "p1",
    notifyingAgencyId: "a1",
    status: "DRAFT",
    category: null,
    submittedAt: null,
    createdBy: "u1",
    nationalPanelNotifiedOn: null,
    rapidReviewCompletedOn: null,
    clockRecordCount: 0,
    outcome: null,
    deathCircumstance: null,
    abuseOrNeglect: null,
    detainedUnderMentalHealthAct: null,
    criteria: [],
    incidentDate: null,
    awareDate: null,
    involvedAgencyIds: [],
    caseIds: [],
    summary: null,
    version: 1,
    createdAt: "2026-03-02T10:00:00.000Z",
    updatedAt: "2026-03-02T10:00:00.000Z",
    ...over,
  };
}

describe("an entity declaration", () => {
  it("derives the stored item: key, type, declared attributes and index keys", () => {
    const item = CaseEntity.item({ ...aCase, extra: "not declared" } as Case);
    expect(item).toEqual({
      pk: "T#p1#CASE#c1",
      sk: "META",
      type: "CASE",
      ...aCase,
      listPk: "T#p1#CASE",
      listSk: "2026-01-05T09:00:00.000Z#c1",
    });
  });

  it("leaves a record off a sparse index when its declaration says so", () => {
    const draft = NotificationEntity.item(notification());
    expect(draft).toMatchObject({ statusPk: "T#p1#NOTIFICATION#STATUS#DRAFT" });
    expect(draft).not.toHaveProperty("listPk");
    expect(draft).not.toHaveProperty("duePk");
    const submitted = NotificationEntity.item(
      notification({ status: "SUBMITTED", category: "II", awareDate: "2026-03-02" }),
    );
    expect(submitted).toMatchObject({
      listPk: "T#p1#NOTIFICATION",
      kindPk: "T#p1#NOTIFICATION#KIND#II",
      duePk: "T#p1#NOTIFICATION#DUE",
      // Five working days after Monday 2 March 2026.
      dueSk: "2026-03-09#n1",
    });
  });

  it("turns a stored item back into the record, storage attributes dropped", () => {
    expect(CaseEntity.fromItem(CaseEntity.item(aCase))).toEqual(aCase);
  });

  it("refuses a stored item that lacks an attribute, holds the wrong kind or is another type", () => {
    const item = CaseEntity.item(aCase);
    const { pseudonym: _, ...missing } = item;
    expect(() => CaseEntity.fromItem(missing)).toThrow(StoredItemError);
    expect(() => CaseEntity.fromItem({ ...item, version: "3" })).toThrow(/version is not a number/);
    expect(() => CaseEntity.fromItem({ ...item, agencyIds: "a1" })).toThrow(/agencyIds/);
    expect(() => CaseEntity.fromItem({ ...item, type: "PERSON" })).toThrow(/type is PERSON/);
  });

  it("reads an absent nullable attribute as null, and refuses to store an empty required one", () => {
    const item = NotificationEntity.item(notification());
    delete item.summary;
    expect(NotificationEntity.fromItem(item).summary).toBeNull();
    expect(() => CaseEntity.item({ ...aCase, pseudonym: null as unknown as string })).toThrow(
      /pseudonym would be stored empty/,
    );
  });
});
