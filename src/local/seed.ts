import { PARTNER_SYSTEM_OPERATIONS } from "../auth/policy";
import { LocalDirectory } from "../data/local-directory";
import type { Store } from "../data/store";
import { pseudonymFor } from "../domain/cases";
import type {
  Agency,
  AgencyKind,
  Case,
  CaseIdentity,
  Partnership,
  Person,
} from "../domain/entities";
import type { PartnerSystem } from "../domain/partner-systems";
import type { Role } from "../domain/roles";
import { seedAudits } from "./seed-audits";
import { seedNotifications } from "./seed-notifications";
import { seedRecommendations } from "./seed-recommendations";
import { seedReviews } from "./seed-reviews";
import { stableId } from "./stable-id";

export { stableId };

export interface SeedPartnership {
  readonly partnership: Partnership;
  readonly agencies: Agency[];
  readonly people: Person[];
  /** One registered partner system per agency (its client id is stable, like every seeded id). */
  readonly partnerSystems: PartnerSystem[];
  readonly cases: { record: Case; identity: CaseIdentity }[];
}

const SEEDED_AT = "2026-01-05T09:00:00.000Z";
const versioned = { version: 1, createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
/** What every seeded person has: enabled, signing in as the local directory would let them. */
const person = (email: string) => ({
  enabled: true,
  identity: LocalDirectory.identityOf(email),
  roleChangeCount: 0,
  ...versioned,
});

/** Board-level roles (no agency) and agency roles (one user per role per agency). */
const BOARD_ROLES: Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "AUDIT_GROUP",
  "REVIEWER",
  "BOARD_MEMBER",
];
const AGENCY_ROLES: Role[] = ["AGENCY_LEAD", "PRACTITIONER"];

const FIRST = [
  "Amara",
  "Ben",
  "Chloe",
  "Dylan",
  "Esme",
  "Finn",
  "Grace",
  "Harvey",
  "Isla",
  "Jay",
  "Keira",
  "Leo",
];
const SURNAME = ["Example", "Sample", "Placeholder", "Fictional", "Testcase", "Demo"];

/** A demo partnership: fictional people and children only. */
export function demoPartnership(
  code: string,
  name: string,
  agencies: [string, AgencyKind][],
  caseCount: number,
): SeedPartnership {
  const partnershipId = stableId(`partnership:${code}`);
  const partnership: Partnership = {
    id: partnershipId,
    code,
    name,
    website: `https://www.${code}scp.example.org`,
    ...versioned,
  };
  const agencyRecords: Agency[] = agencies.map(([agencyName, kind]) => ({
    id: stableId(`agency:${code}:${agencyName}`),
    partnershipId,
    name: agencyName,
    kind,
    ...versioned,
  }));
  const people: Person[] = [
    ...BOARD_ROLES.map((role) => ({
      id: stableId(`person:${code}:${role}`),
      partnershipId,
      agencyId: null,
      name: `${role.toLowerCase().replace(/_/g, " ")} (demo)`,
      email: `${role.toLowerCase()}@${code}.example.org`,
      jobTitle: role === "INDEPENDENT_CHAIR" ? "Independent Chair" : null,
      roles: [role],
      ...person(`${role.toLowerCase()}@${code}.example.org`),
    })),
    ...agencyRecords.flatMap((a, ai) =>
      AGENCY_ROLES.map((role) => ({
        id: stableId(`person:${code}:${a.id}:${role}`),
        partnershipId,
        agencyId: a.id,
        name: `${a.name} ${role.toLowerCase().replace(/_/g, " ")}`,
        email: `${role.toLowerCase()}.${ai}@${code}.example.org`,
        jobTitle: null,
        roles: [role],
        ...person(`${role.toLowerCase()}.${ai}@${code}.example.org`),
      })),
    ),
  ];
  const partnerSystems: PartnerSystem[] = agencyRecords.map((a) => ({
    id: stableId(`partner-system:${code}:${a.id}`),
    partnershipId,
    agencyId: a.id,
    name: `${a.name} case management system`,
    clientId: stableId(`client:${code}:${a.id}`).replace(/-/g, "").slice(0, 26),
    allowedOperations: [...PARTNER_SYSTEM_OPERATIONS],
    enabled: true,
    createdBy: stableId(`person:${code}:BUSINESS_UNIT`),
    ...versioned,
  }));
  const cases = demoCases(partnership, agencyRecords, caseCount);
  return { partnership, agencies: agencyRecords, people, partnerSystems, cases };
}

/**
 * A demo partnership's fictional children. `copy` (the scale seed's) names another set: ids in
 * its namespace, other names and addresses, opened in the days before its `openedBy` date.
 */
export function demoCases(
  partnership: Partnership,
  agencyRecords: readonly Agency[],
  caseCount: number,
  copy?: { namespace: string; number: number; openedBy: Date },
): SeedPartnership["cases"] {
  const { code, name } = partnership;
  const first = copy
    ? Date.parse(copy.openedBy.toISOString()) - 60 * 86_400_000
    : Date.parse(SEEDED_AT);
  return Array.from({ length: caseCount }, (_, i) => {
    const id = stableId(`${copy?.namespace ?? ""}case:${code}:${i}`);
    // The fictional details run on from one copy to the next.
    const n = i + (copy ? copy.number * caseCount : 0);
    const involved = [
      agencyRecords[i % agencyRecords.length],
      agencyRecords[(i + 3) % agencyRecords.length],
    ]
      .filter((a): a is Agency => a !== undefined)
      .map((a) => a.id);
    const createdAt = new Date(first + i * 86_400_000).toISOString();
    const record: Case = {
      id,
      partnershipId: partnership.id,
      pseudonym: pseudonymFor(id),
      status: i % 5 === 4 ? "CLOSED" : "OPEN",
      agencyIds: [...new Set(involved)],
      version: 1,
      createdAt,
      updatedAt: createdAt,
    };
    const surname = SURNAME[n % SURNAME.length];
    const identity: CaseIdentity = {
      caseId: id,
      childName: `${FIRST[n % FIRST.length]} ${surname}`,
      dateOfBirth: `20${String(10 + (n % 14)).padStart(2, "0")}-0${1 + (n % 9)}-1${n % 10}`,
      address: `${10 + n} Demo Street, ${name.split(" ")[0]}`,
      nhsNumber: null,
      familyMembers: [{ name: `Parent ${surname}`, relationship: "Mother" }],
    };
    return { record, identity };
  });
}

/** The demo data `npm start` loads: a Luton-like board with eight agencies, and a neighbour. */
export const DEMO: SeedPartnership[] = [
  demoPartnership(
    "lutonshire",
    "Lutonshire Safeguarding Children Partnership",
    [
      ["Lutonshire Police", "POLICE"],
      ["Lutonshire and Dunford Hospital NHS Foundation Trust", "HEALTH"],
      ["Lutonshire Community Health NHS Trust", "HEALTH"],
      ["Lutonshire Children's Social Care", "CHILDRENS_SOCIAL_CARE"],
      ["Lutonshire Education Service", "EDUCATION"],
      ["Probation Service, Lutonshire", "PROBATION"],
      ["Lutonshire Youth Offending Service", "YOUTH_OFFENDING"],
      ["Lutonshire Family Voices", "VOLUNTARY_SECTOR"],
    ],
    12,
  ),
  demoPartnership(
    "northbrook",
    "Northbrook Safeguarding Children Partnership",
    [
      ["Northbrook Police", "POLICE"],
      ["Northbrook Children's Services", "CHILDRENS_SOCIAL_CARE"],
    ],
    3,
  ),
];

/**
 * Writes a seed partnership unless it is already there. Returns whether it wrote anything.
 * With `activity`, it also adds demo notifications, decisions, recommendations and reviews.
 */
export async function seedPartnership(
  store: Store,
  seed: SeedPartnership,
  options: { activity?: boolean } = {},
): Promise<boolean> {
  if (await store.partnerships.get(seed.partnership.id)) return false;
  await store.partnerships.create(seed.partnership, seed.agencies);
  await store.people.createMany(seed.people);
  for (const s of seed.partnerSystems) await store.partnerSystems.create(s, null);
  for (const c of seed.cases) await store.cases.create(c.record, c.identity, null);
  if (options.activity !== false) {
    const decided = await seedNotifications(store, seed);
    await seedRecommendations(store, seed);
    await seedReviews(store, seed, decided);
    await seedAudits(store, seed);
  }
  return true;
}

/** The demo partner system of an agency (by default the first agency's). */
export function findDemoPartnerSystem(agencyId?: string, partnershipCode = "lutonshire") {
  const seed = DEMO.find((s) => s.partnership.code === partnershipCode);
  if (!seed) throw new Error(`No demo partnership '${partnershipCode}'`);
  const system = seed.partnerSystems.find((s) => (agencyId ? s.agencyId === agencyId : true));
  if (!system) throw new Error(`No demo partner system for agency ${agencyId}`);
  return system;
}

/** The demo user to sign a token for: by role, and agency where the role belongs to one. */
export function findDemoUser(
  role: Role,
  agencyId?: string,
  partnershipCode = "lutonshire",
): Person {
  const seed = DEMO.find((s) => s.partnership.code === partnershipCode);
  if (!seed) throw new Error(`No demo partnership '${partnershipCode}'`);
  const person = seed.people.find(
    (p) => p.roles.includes(role) && (agencyId ? p.agencyId === agencyId : true),
  );
  if (!person)
    throw new Error(`No demo user with role ${role}${agencyId ? ` in agency ${agencyId}` : ""}`);
  return person;
}
