import { createHash } from "node:crypto";
import type { Store } from "../data/store";
import {
  newAgencyAudit,
  newAuditEntry,
  newBusinessPriority,
  newExercise,
  newMeeting,
  newMember,
  newRating,
  newStandard,
} from "../domain/audits";
import { englishDate } from "../domain/dates";
import { escalate, newReflection, newReport, respond } from "../domain/near-misses";
import type { Recording } from "../domain/recommendations";
import type { SeedRecords } from "./seed-notifications";
import { DEMO_VARIANT, type SeedVariant, seedClock } from "./seed-variant";
import { stableId } from "./stable-id";

/**
 * Demo audit activity, with ids stable across runs: the business plan's priorities; the audit
 * group's 2025 framework year (April 2025 to March 2026: five meetings, one gap of more than
 * three months, three substantial exercises: one breach); Section 11 standards and returns;
 * agencies' audits with the board's challenge; near-miss reports from several agencies (one
 * anonymous, one escalated); and reflective practice.
 */
export async function seedAudits(store: Store, seed: SeedRecords): Promise<void> {
  await seedAuditSetup(store, seed);
  await seedAuditActivity(store, seed);
}

/** The partnership's standing audit arrangements: priorities, the group, Section 11 standards. */
async function seedAuditSetup(store: Store, seed: SeedRecords): Promise<void> {
  const pid = seed.partnership.id;
  const today = englishDate(new Date());
  const { rec } = recorders(seed, today);
  const ids = setupIds(seed);
  const agencies = seed.agencies;

  // Business-plan priorities.
  const priorities = PRIORITIES.map(([title, owner], i) =>
    newBusinessPriority(
      { title, periodFrom: "2025-04-01", periodTo: "2027-03-31", owner },
      ids.priority(i),
      pid,
      rec("2025-03-20"),
    ),
  );
  for (const p of priorities) await store.audits.createPriority(p, null);

  // §14: the audit group: an independent chair and a member from most provider agencies (the
  // last agency has none, so the board sees it listed).
  let group = await store.audits.getGroup(pid, "2025-03-25T09:00:00.000Z");
  const memberInputs = [
    { name: "Indira Pendleton", memberRole: "INDEPENDENT_CHAIR" as const, from: "2025-04-01" },
    ...agencies.slice(0, -1).map((a, i) => ({
      name: `Named professional ${i + 1}`,
      jobTitle: "Named safeguarding lead",
      agencyId: a.id,
      memberRole: "MEMBER" as const,
      from: "2025-04-01",
    })),
  ];
  for (const input of memberInputs) {
    const { group: next, member } = newMember(group, input, rec("2025-03-25"));
    const saved = { ...next, version: group.version + 1 };
    await store.audits.addMember(saved, group.version, member);
    group = saved;
  }

  // Section 11 standards.
  const standards = STANDARDS.map((title, i) =>
    newStandard({ number: i + 1, title }, ids.standard(i), pid, rec("2025-03-01")),
  );
  for (const s of standards) await store.audits.createStandard(s, null);
}

/** The demo audit group's meetings (§14); one meeting a day at most. */
export const AUDIT_MEETING_DATES = [
  "2025-04-15",
  "2025-07-10",
  "2025-10-21",
  "2026-01-15",
  "2026-03-20",
] as const;

const PRIORITIES: [string, string][] = [
  ["Neglect", "Neglect subgroup chair"],
  ["Child exploitation", "Exploitation subgroup chair"],
];
const STANDARDS = [
  "Senior management commitment to safeguarding",
  "A clear line of accountability",
  "Safer recruitment",
  "Effective supervision and training",
];

/** The ids of the standing arrangements, which every copy of the activity refers to. */
function setupIds(seed: SeedRecords) {
  const code = seed.partnership.code;
  return {
    priority: (i: number) => stableId(`priority:${i}:${code}`),
    standard: (i: number) => stableId(`s11:${i}:${code}`),
  };
}

function recorders(seed: SeedRecords, today: string) {
  const person = (role: string, agencyId: string | null = null) =>
    seed.people.find((p) => p.roles.includes(role) && p.agencyId === agencyId)?.id ?? "seed";
  const rec = (on: string, by = person("BUSINESS_UNIT")): Recording => ({
    by,
    at: `${on}T09:00:00.000Z`,
    today,
  });
  return { person, rec };
}

/**
 * The audit group's meetings and exercises, Section 11 returns, an agency's audit, near-miss
 * reports and reflective practice, against the standing arrangements `seedAuditSetup` made. A
 * `variant` other than the demo's makes a copy (the scale seed's): its own ids, its dates moved
 * back by the copy's days.
 */
export async function seedAuditActivity(
  store: Store,
  seed: SeedRecords,
  variant: SeedVariant = DEMO_VARIANT,
): Promise<void> {
  const code = seed.partnership.code;
  const pid = seed.partnership.id;
  const today = englishDate(new Date());
  const { person, rec } = recorders(seed, today);
  const { shift } = seedClock(variant);
  const id = (name: string) => stableId(`${variant.namespace}${name}:${code}`);
  const agencies = seed.agencies;
  const agencyAt = (i: number) => agencies[i % agencies.length]?.id as string;
  const setup = setupIds(seed);
  const priorities = PRIORITIES.map((_, i) => ({ id: setup.priority(i) }));
  const standards = STANDARDS.map((_, i) => ({ id: setup.standard(i) }));
  const group = await store.audits.getGroup(pid, "2025-03-25T09:00:00.000Z");
  const members = new Map((await store.audits.members(group)).map((m) => [m.id, m]));
  const cases = seed.cases.map((c) => c.record.id);

  // §14: five meetings; 10 July to 21 October is three months and eleven days: the one breach.
  const meetings = ["2025-04-15", "2025-07-10", "2025-10-21", "2026-01-15", "2026-03-20"].map(
    shift,
  );
  for (const [i, heldOn] of meetings.entries()) {
    const m = newMeeting(
      {
        heldOn,
        notes: "Cases reviewed against the multi-agency audit tool",
        attendeeIds: [...members.keys()].slice(0, 4 + (i % 3)),
        caseIds: cases.slice(i, i + 2),
      },
      members,
      pid,
      rec(heldOn, person("AUDIT_GROUP")),
    );
    await store.audits.createMeeting(m.meeting, m.attendance, m.cases, null);
  }

  // §13: three substantial exercises in the year (and the findings of the first).
  const themes = [
    ["Neglect: recognition and response", "2025-05-01", "2025-07-25"],
    ["Missing from home and exploitation", "2025-09-01", "2025-11-20"],
    ["Pre-birth assessments", "2026-01-05", "2026-03-10"],
  ].map(([theme, from, to]) => [theme, shift(from as string), shift(to as string)]);
  for (const [i, [theme, startedOn, completedOn]] of themes.entries()) {
    const { exercise, cases: cluster } = newExercise(
      {
        theme: theme as string,
        businessPriorityId: priorities[i % priorities.length]?.id,
        substantial: true,
        startedOn: startedOn as string,
        cases: cases.slice(i, i + 3).map((caseId, j) => ({
          caseId,
          agencyIds: [agencyAt(i + j), agencyAt(i + j + 3)],
        })),
      },
      id(`exercise:${i}`),
      pid,
      rec(startedOn as string, person("AUDIT_GROUP")),
    );
    await store.audits.createExercise(exercise, cluster, null);
    const done = { ...exercise, completedOn: completedOn as string, version: 2 };
    await store.audits.saveExercise(done, 1);
  }

  // A Section 11 return from each of the first three agencies.
  for (let a = 0; a < Math.min(3, agencies.length); a++) {
    const lead = person("AGENCY_LEAD", agencyAt(a));
    let audit = newAgencyAudit(
      {
        agencyId: agencyAt(a),
        kind: "SECTION_11",
        title: `Section 11 self-assessment ${shift("2025-09-01").slice(0, 4)}`,
        scope: "All Section 11 standards",
        startedOn: shift("2025-09-01"),
        completedOn: shift("2025-10-31"),
      },
      id(`s11-return:${a}`),
      pid,
      rec(shift("2025-09-01"), lead),
    );
    await store.audits.createAgencyAudit(audit, null);
    for (const [j, s] of standards.entries()) {
      const rating = newRating(
        audit,
        {
          standardId: s.id,
          rating: (["GOOD", "REQUIRES_IMPROVEMENT", "OUTSTANDING"] as const)[(a + j) % 3] ?? "GOOD",
          evidence: "Board minutes, training records and audit results",
        },
        rec(shift("2025-10-31"), lead),
      );
      const next = { ...audit, ratingCount: audit.ratingCount + 1, version: audit.version + 1 };
      await store.audits.addToAudit(next, audit.version, { rating });
      audit = next;
    }
  }

  // §11–12: a responsive audit, its learning reported to the Executive, challenged and answered.
  {
    const agencyId = agencyAt(1);
    const lead = person("AGENCY_LEAD", agencyId);
    let audit = newAgencyAudit(
      {
        agencyId,
        kind: "RESPONSIVE",
        title: "Discharge planning for babies with safeguarding plans",
        scope: "Discharges from the neonatal unit, June to August 2025",
        trigger: "A baby discharged before the strategy meeting",
        startedOn: shift("2025-09-01"),
        completedOn: shift("2025-10-15"),
      },
      id("responsive-audit"),
      pid,
      rec(shift("2025-09-01"), lead),
    );
    await store.audits.createAgencyAudit(audit, null);
    const entries = [
      ["FINDING", "3 of 12 discharges went ahead before the strategy meeting", lead],
      ["LEARNING_REPORT", "Discharge checklist now requires the social worker's agreement", lead],
      ["CHALLENGE", "How will the board know the checklist is used?", person("INDEPENDENT_CHAIR")],
      ["RESPONSE", "Re-audit of 20 discharges planned for March 2026", lead],
    ] as const;
    for (const [kind, text, by] of entries) {
      const entry = newAuditEntry(
        audit,
        { kind, text, on: shift("2025-11-01") },
        rec(shift("2025-11-01"), by),
      );
      const next = { ...audit, entryCount: audit.entryCount + 1, version: audit.version + 1 };
      await store.audits.addToAudit(next, audit.version, { entry });
      audit = next;
    }
  }

  // §7, §15: near-miss, concern and good-practice reports from several agencies.
  const kinds = ["NEAR_MISS", "CONCERNING_INCIDENT", "GOOD_PRACTICE"] as const;
  for (let i = 0; i < Math.min(9, agencies.length * 2); i++) {
    const agencyId = agencyAt(i);
    const reportedOn = shift(`2026-0${1 + (i % 6)}-1${i % 10}`);
    const practitioner = person("PRACTITIONER", agencyId);
    const reportId = id(`near-miss:${i}`);
    const hash = createHash("sha256").update(`demo-receipt:${reportId}`).digest("hex");
    const anonymous = i % 4 === 1;
    // Reported on the demo's own dates (a report made through the API is dated the day it is made).
    let report = newReport(
      {
        kind: kinds[i % 3] as (typeof kinds)[number],
        occurredOn: reportedOn,
        summary: [
          "A referral sat unread over a bank holiday weekend",
          "A strategy meeting went ahead without health",
          "A school nurse spotted and followed up a missed appointment pattern",
        ][i % 3] as string,
        anonymous,
      },
      reportId,
      pid,
      agencyId,
      practitioner,
      hash,
      rec(reportedOn, practitioner),
    );
    report = {
      ...report,
      reportedOn,
      createdAt: `${reportedOn}T00:00:00.000Z`,
      updatedAt: `${reportedOn}T00:00:00.000Z`,
    };
    await store.nearMisses.create(report, null);
    if (i % 3 === 0) {
      const responded = {
        ...report,
        ...respond(
          report,
          {
            withinArrangements: true,
            response: "Duty cover now includes bank holidays",
            learningUsed: "Shared at the agency's safeguarding briefing",
            respondedOn: reportedOn,
          },
          today,
        ),
        version: 2,
      };
      await store.nearMisses.save(responded, 1);
      report = responded;
    }
    if (i === 3) {
      const { report: change, escalation } = escalate(
        report,
        {
          summary: "An unread referral; the child was later admitted with injuries",
          reason: "§24 I: a near miss with possible learning across agencies",
          escalatedOn: reportedOn,
        },
        id(`escalation:${i}`),
        rec(reportedOn, person("AGENCY_LEAD", agencyId)),
      );
      await store.nearMisses.escalate(
        { ...report, ...change, version: report.version + 1 },
        report.version,
        escalation,
      );
    }
  }

  // §9–10: reflective practice.
  const reflection = newReflection(
    {
      kind: "MULTI_AGENCY_DISCUSSION",
      theme: "Disguised compliance",
      heldOn: shift("2026-02-12"),
      agencyIds: agencies.slice(0, 3).map((a) => a.id),
      learned: "Test what parents say against what practitioners see at home",
      goodPractice: "The health visitor's persistence in seeing the baby",
    },
    id("reflection:0"),
    pid,
    rec(shift("2026-02-12")),
  );
  await store.nearMisses.createReflection(reflection, null);
}
