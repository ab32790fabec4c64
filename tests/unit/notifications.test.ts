import { describe, expect, it } from "vitest";
import { englishDate } from "../../src/domain/dates";
import {
  categoryOf,
  checkComplete,
  clocks,
  type IncidentNotification,
  type NotificationContent,
  nextDueDate,
  workingDaysLeft,
} from "../../src/domain/notifications";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../src/domain/working-days";
import { fieldOf } from "../helpers/errors";

const TODAY = "2026-06-01";

function content(overrides: Partial<NotificationContent> = {}): NotificationContent {
  return {
    outcome: "DEATH",
    deathCircumstance: null,
    abuseOrNeglect: null,
    detainedUnderMentalHealthAct: null,
    criteria: [],
    incidentDate: "2026-05-20",
    awareDate: "2026-05-21",
    involvedAgencyIds: [],
    caseIds: ["c1"],
    summary: "What happened",
    ...overrides,
  };
}

describe("§17 notification criteria", () => {
  it("§17 I: a death with abuse or neglect suspected is category I even when abuse did not cause the death", () => {
    const c = content({
      deathCircumstance: "ILLNESS_OR_NATURAL_CAUSES",
      abuseOrNeglect: "SUSPECTED",
      criteria: [
        {
          criterion: "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED",
          reason: "Past neglect known to CSC",
        },
      ],
    });
    expect(checkComplete(c, TODAY)).toBe("I");
  });

  it("§17 I: needs abuse or neglect known or suspected", () => {
    const c = content({
      criteria: [{ criterion: "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED", reason: "r" }],
    });
    expect(fieldOf(() => checkComplete(c, TODAY))).toBe("input.abuseOrNeglect");
  });

  it.each([
    "DEATH_IN_YOUNG_OFFENDER_INSTITUTION",
    "DEATH_IN_SECURE_TRAINING_CENTRE",
    "DEATH_IN_SECURE_CHILDRENS_HOME",
    "DEATH_IN_POLICE_CUSTODY",
  ] as const)("§17 II: %s is category II whatever the circumstances", (criterion) => {
    const c = content({
      deathCircumstance: "ILLNESS_OR_NATURAL_CAUSES",
      criteria: [{ criterion, reason: "Died there" }],
    });
    expect(checkComplete(c, TODAY)).toBe("II");
  });

  it.each([true, false, null])(
    "§17 III: death in Tier 4 provision is category III (detained: %s)",
    (detained) => {
      const c = content({
        deathCircumstance: "SUSPECTED_SUICIDE",
        detainedUnderMentalHealthAct: detained,
        criteria: [
          { criterion: "DEATH_IN_TIER4_PSYCHIATRIC_PROVISION", reason: "Inpatient at Tier 4 unit" },
        ],
      });
      expect(checkComplete(c, TODAY)).toBe("III");
    },
  );

  it("§17: death includes suspected suicide and self-harm", () => {
    for (const deathCircumstance of ["SUSPECTED_SUICIDE", "SELF_HARM"] as const) {
      const c = content({
        deathCircumstance,
        criteria: [{ criterion: "DEATH_IN_SECURE_CHILDRENS_HOME", reason: "r" }],
      });
      expect(checkComplete(c, TODAY)).toBe("II");
    }
  });

  it.each([
    "POTENTIALLY_LIFE_THREATENING_INJURY",
    "SERIOUS_PERMANENT_IMPAIRMENT",
    "LONGSTANDING_OR_GRAVE_SEXUAL_ABUSE",
  ] as const)("§17 IV: %s is category IV serious harm", (criterion) => {
    const c = content({
      outcome: "SERIOUS_HARM",
      abuseOrNeglect: "SUSPECTED",
      criteria: [{ criterion, reason: "Injuries" }],
    });
    expect(checkComplete(c, TODAY)).toBe("IV");
  });

  it.each(["POTENTIALLY_LIFE_THREATENING_INJURY", "SERIOUS_PERMANENT_IMPAIRMENT"] as const)(
    "§17 IV: %s needs abuse or neglect recorded as its cause",
    (criterion) => {
      const c = content({ outcome: "SERIOUS_HARM", criteria: [{ criterion, reason: "Injuries" }] });
      expect(fieldOf(() => checkComplete(c, TODAY))).toBe("input.abuseOrNeglect");
      expect(checkComplete({ ...c, abuseOrNeglect: "KNOWN" }, TODAY)).toBe("IV");
    },
  );

  it("§17 IV: longstanding or grave sexual abuse is abuse by definition, so needs no further cause", () => {
    const c = content({
      outcome: "SERIOUS_HARM",
      criteria: [{ criterion: "LONGSTANDING_OR_GRAVE_SEXUAL_ABUSE", reason: "Disclosed abuse" }],
    });
    expect(checkComplete(c, TODAY)).toBe("IV");
  });

  it("§17 IV criteria apply to a living child, death criteria to a death", () => {
    expect(
      fieldOf(() =>
        checkComplete(
          content({ criteria: [{ criterion: "SERIOUS_PERMANENT_IMPAIRMENT", reason: "r" }] }),
          TODAY,
        ),
      ),
    ).toBe("input.criteria.0.criterion");
    expect(
      fieldOf(() =>
        checkComplete(
          content({
            outcome: "SERIOUS_HARM",
            criteria: [{ criterion: "DEATH_IN_POLICE_CUSTODY", reason: "r" }],
          }),
          TODAY,
        ),
      ),
    ).toBe("input.criteria.0.criterion");
  });

  it("§17: every criterion claimed records why it applies", () => {
    const c = content({ criteria: [{ criterion: "DEATH_IN_POLICE_CUSTODY", reason: "  " }] });
    expect(fieldOf(() => checkComplete(c, TODAY))).toBe("input.criteria.0.reason");
  });

  it("the category is the most serious of the criteria claimed", () => {
    expect(
      categoryOf([
        { criterion: "DEATH_IN_POLICE_CUSTODY", reason: "r" },
        { criterion: "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED", reason: "r" },
      ]),
    ).toBe("I");
    expect(categoryOf([])).toBeNull();
  });

  it("a complete notification links one to four children and has its dates in order", () => {
    const base = { criteria: [{ criterion: "DEATH_IN_POLICE_CUSTODY" as const, reason: "r" }] };
    expect(fieldOf(() => checkComplete(content({ ...base, caseIds: [] }), TODAY))).toBe(
      "input.caseIds",
    );
    expect(
      fieldOf(() => checkComplete(content({ ...base, caseIds: ["a", "b", "c", "d", "e"] }), TODAY)),
    ).toBe("input.caseIds");
    expect(fieldOf(() => checkComplete(content({ ...base, awareDate: "2026-05-19" }), TODAY))).toBe(
      "input.awareDate",
    );
    expect(
      fieldOf(() => checkComplete(content({ ...base, incidentDate: "2026-07-01" }), TODAY)),
    ).toBe("input.incidentDate");
  });
});

describe("working days in England and Wales", () => {
  it("skip weekends and bank holidays, including Easter and substitute days", () => {
    expect(isWorkingDay("2026-04-03")).toBe(false); // Good Friday
    expect(isWorkingDay("2026-04-06")).toBe(false); // Easter Monday
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day (substitute day)
    expect(isWorkingDay("2026-04-07")).toBe(true);
    // Thursday before Easter + 5 working days: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    expect(addWorkingDays("2026-04-02", 5)).toBe("2026-04-13");
    expect(addWorkingDays("2026-04-02", 15)).toBe("2026-04-27");
    // A Friday + 5 across a weekend only.
    expect(addWorkingDays("2026-06-05", 5)).toBe("2026-06-12");
    expect(addWorkingDays("2026-12-23", 5)).toBe("2027-01-04");
    expect(workingDaysBetween("2026-04-02", "2026-04-13")).toBe(5);
    expect(workingDaysBetween("2026-04-13", "2026-04-02")).toBe(-5);
  });

  it("takes today's date in England, not in UTC", () => {
    expect(englishDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(englishDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("gives the date node's Europe/London time zone gives, around every midnight of 1996-2100", () => {
    const london = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const differing: string[] = [];
    let summerEvenings = 0;
    const hour = 3_600_000;
    for (let t = Date.UTC(1996, 0, 1); t < Date.UTC(2101, 0, 1); t += hour) {
      // English midnight is 00:00 UTC in winter and 23:00 UTC in summer, the only instants the
      // date changes: the hours around them, and those instants to the millisecond.
      const utcHour = new Date(t).getUTCHours();
      if (utcHour > 1 && utcHour < 22) continue;
      for (const at of utcHour === 23 || utcHour === 0 ? [t - 1, t, t + 1] : [t]) {
        const english = englishDate(new Date(at));
        if (english !== london.format(new Date(at))) differing.push(new Date(at).toISOString());
        if (utcHour === 23 && at === t && english !== new Date(at).toISOString().slice(0, 10))
          summerEvenings++;
      }
    }
    expect(differing).toEqual([]);
    // Not vacuous: for seven months of each year, 23:00 UTC is the next day in England.
    expect(summerEvenings).toBeGreaterThan(105 * 200);
  });
});

describe("statutory clocks", () => {
  const submitted = (over: Partial<IncidentNotification> = {}): IncidentNotification => ({
    ...content({ awareDate: "2026-04-02" }),
    id: "n1",
    partnershipId: "p",
    notifyingAgencyId: "a",
    status: "SUBMITTED",
    category: "II",
    submittedAt: "2026-04-02T10:00:00Z",
    createdBy: "u",
    nationalPanelNotifiedOn: null,
    rapidReviewCompletedOn: null,
    clockRecordCount: 0,
    version: 1,
    createdAt: "2026-04-02T10:00:00Z",
    updatedAt: "2026-04-02T10:00:00Z",
    ...over,
  });

  it("are due 5 and 15 working days after the agency became aware", () => {
    const [panel, rapid] = clocks(submitted(), "2026-04-07");
    expect(panel).toMatchObject({ dueOn: "2026-04-13", state: "DUE", workingDaysLeft: 4 });
    expect(rapid).toMatchObject({ dueOn: "2026-04-27", state: "DUE" });
  });

  it("are due soon two working days before, overdue after, and met or met late once recorded", () => {
    expect(clocks(submitted(), "2026-04-09")[0]?.state).toBe("DUE_SOON");
    expect(clocks(submitted(), "2026-04-14")[0]).toMatchObject({
      state: "OVERDUE",
      workingDaysLeft: -1,
    });
    expect(
      clocks(submitted({ nationalPanelNotifiedOn: "2026-04-13" }), "2026-04-20")[0]?.state,
    ).toBe("MET");
    expect(
      clocks(submitted({ nationalPanelNotifiedOn: "2026-04-14" }), "2026-04-20")[0]?.state,
    ).toBe("MET_LATE");
  });

  it("index the earliest clock not yet met, and none once both are met or for a draft", () => {
    expect(nextDueDate(submitted())).toBe("2026-04-13");
    expect(nextDueDate(submitted({ nationalPanelNotifiedOn: "2026-04-08" }))).toBe("2026-04-27");
    expect(
      nextDueDate(
        submitted({ nationalPanelNotifiedOn: "2026-04-08", rapidReviewCompletedOn: "2026-04-20" }),
      ),
    ).toBeNull();
    expect(nextDueDate(submitted({ status: "DRAFT" }))).toBeNull();
  });
});

describe("working-day arithmetic", () => {
  /** The reference: walk the calendar a day at a time. */
  function walk(from: string, to: string): number {
    const [a, b, sign] = to >= from ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (
      let t = Date.parse(`${a}T00:00:00Z`) + 86_400_000;
      t <= Date.parse(`${b}T00:00:00Z`);
      t += 86_400_000
    )
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count++;
    return sign * count;
  }
  const day = (seed: number) =>
    new Date(Date.UTC(2014, 0, 1) + (seed % (27 * 365)) * 86_400_000).toISOString().slice(0, 10);

  it("counts and adds exactly as walking day by day does, 2014-2040", () => {
    for (let i = 0; i < 400; i++) {
      const from = day(i * 7919);
      const to = day(i * 104729 + 13);
      expect(workingDaysBetween(from, to), `${from} -> ${to}`).toBe(walk(from, to));
      const n = (i % 40) + 1;
      const due = addWorkingDays(from, n);
      expect(walk(from, due)).toBe(n);
      expect(isWorkingDay(due)).toBe(true);
      // The due date is the first date with n working days: the day before has n - 1.
      expect(
        walk(
          from,
          new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
        ),
      ).toBe(n - 1);
    }
  });

  it("counts across a century without walking it (a bounded cost, whatever the dates)", () => {
    const started = performance.now();
    expect(workingDaysBetween("2000-01-01", "2099-12-31")).toBeGreaterThan(25_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("workingDaysLeft agrees with the clock's state on every day", () => {
  it("is 0 on the due date, positive before it, and at most -1 on every day after it, weekends and bank holidays included", () => {
    // Due on Maundy Thursday 2026: Easter follows.
    const dueOn = "2026-04-02";
    expect(workingDaysLeft(dueOn, "2026-03-31")).toBe(2);
    expect(workingDaysLeft(dueOn, dueOn)).toBe(0);
    // Good Friday, Saturday, Sunday and Easter Monday count with Tuesday 7 April: overdue by 1.
    for (const day of ["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07"])
      expect(workingDaysLeft(dueOn, day), day).toBe(-1);
    expect(workingDaysLeft(dueOn, "2026-04-08")).toBe(-2);
    // Every day of a year: negative exactly when the state is OVERDUE.
    for (let t = Date.parse("2026-01-01"); t < Date.parse("2027-01-01"); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      const [national] = clocks(
        {
          ...({} as IncidentNotification),
          status: "SUBMITTED",
          awareDate: "2026-06-04",
          nationalPanelNotifiedOn: null,
          rapidReviewCompletedOn: null,
        },
        today,
      );
      expect(national?.state === "OVERDUE", today).toBe((national?.workingDaysLeft ?? 0) < 0);
    }
  });
});
