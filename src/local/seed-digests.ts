import { randomUUID } from "node:crypto";
import type { Store } from "../data/store";
import type { AgeGroup, DigestInput } from "../domain/digests";
import { PLATFORM, type Principal } from "../domain/roles";
import type { ServiceContext } from "../services/context";
import { ensureDefaultThemes, importDigests } from "../services/digests/catalogue";
import { createLoaders } from "../services/loaders";

/**
 * §16: the demo national catalogue: 48 reviews written for the demo from the fragments below
 * (fictional areas and children; no text of any real review), with stable references, so that
 * every `npm start` finds the same records and a second seed changes nothing.
 */

/** A catalogue editor's context (the seed edits the catalogue as its editors do). */
export function catalogueEditor(store: Store, subject = "seed:catalogue"): ServiceContext {
  const principal: Principal = {
    subject,
    partnershipId: PLATFORM,
    agencyId: null,
    roles: ["CATALOGUE_EDITOR"],
    isMachine: false,
  };
  const now = () => new Date();
  const requestId = `seed-${randomUUID()}`;
  return {
    principal,
    store,
    requestId,
    now,
    loaders: createLoaders(store, principal, requestId, now),
  };
}

const AREAS = [
  "Northmere",
  "Eastbrook",
  "Westhaven",
  "Southdale",
  "Ashcombe",
  "Brackenford",
  "Coldharbour",
  "Dunmoor",
  "Elmridge",
  "Fenwick Vale",
  "Greyhope",
  "Harrowfield",
];

/** One scenario per theme: a title stem, a summary, the learning, and recommendations. */
const SCENARIOS: readonly {
  theme: string;
  also: string;
  age: AgeGroup;
  title: string;
  summary: string;
  learning: string;
  recommendations: string[];
}[] = [
  {
    theme: "neglect",
    also: "voice-of-the-child",
    age: "AGE_5_TO_10",
    title: "chronic neglect behind a tidy front room",
    summary:
      "Two primary-age children lived with persistent neglect over several years. Home visits were announced, and the rooms practitioners were shown were clean. School noticed hunger and poor hygiene but each concern was handled as a single episode.",
    learning:
      "Neglect is cumulative: single episodes looked minor, while the chronology showed a long decline. Practitioners need to see the whole home and to hear from the children away from their parents.",
    recommendations: [
      "Use an agreed neglect assessment tool at every review of a child in need plan.",
      "Make unannounced visits part of practice guidance where neglect is suspected.",
    ],
  },
  {
    theme: "domestic-abuse",
    also: "information-sharing",
    age: "UNDER_1",
    title: "an infant in a household known to the police",
    summary:
      "A baby was seriously injured in a home where police had attended several incidents of domestic abuse. Midwifery did not know of the incidents, and the father was not seen by any health practitioner during the pregnancy.",
    learning:
      "Information held by one agency about domestic abuse did not reach those assessing risk to an unborn baby. Fathers and partners were invisible to services.",
    recommendations: [
      "Share notifications of domestic abuse incidents with midwifery when a pregnancy is known.",
      "Record and assess every adult in the household during antenatal care.",
    ],
  },
  {
    theme: "parental-mental-health",
    also: "professional-curiosity",
    age: "AGE_1_TO_4",
    title: "a parent's worsening mental health",
    summary:
      "A toddler was harmed while the mother's mental health deteriorated. Adult mental health services treated the mother without asking about the child, and children's services closed the case after a short assessment.",
    learning:
      "Adult services did not think family. Professional curiosity about the children in the household, and about how illness affected parenting, was missing.",
    recommendations: [
      "Adult mental health assessments record the children a patient cares for and consider their safety.",
      "Joint training on think-family practice for adult and children's services.",
    ],
  },
  {
    theme: "parental-substance-misuse",
    also: "neglect",
    age: "AGE_1_TO_4",
    title: "substance misuse and a young child's safety",
    summary:
      "A young child swallowed medication kept for a parent's treatment. Drug services knew of the child but had not checked safe storage. Relatives raised concerns that were not followed up.",
    learning:
      "Substance misuse services saw the parent as their client and the child as someone else's concern. Safe storage advice was given once and never checked.",
    recommendations: [
      "Drug and alcohol services check safe storage at every home visit where children live.",
      "Concerns from relatives are recorded and answered.",
    ],
  },
  {
    theme: "adolescent-risk",
    also: "child-sexual-exploitation",
    age: "AGE_16_TO_17",
    title: "a teenager who went missing repeatedly",
    summary:
      "A sixteen-year-old went missing many times and was found in other towns. Return interviews were offered but rarely completed. Agencies saw the young person as making choices rather than being exploited.",
    learning:
      "Adolescents at risk outside the home need a response to the risk, not to their behaviour. Language that blamed the young person shaped decisions.",
    recommendations: [
      "Complete return home interviews within three days and share what is learned.",
      "Train practitioners to recognise exploitation and avoid victim-blaming language.",
    ],
  },
  {
    theme: "child-sexual-exploitation",
    also: "information-sharing",
    age: "AGE_11_TO_15",
    title: "exploitation hidden in plain sight",
    summary:
      "A young teenager was sexually exploited by adults who were known to several services. Intelligence sat with the police, the school held attendance concerns, and health saw repeated attendances for sexual health.",
    learning:
      "No one agency held the whole picture. Multi-agency meetings about exploitation did not bring the fragments together.",
    recommendations: [
      "Hold a multi-agency exploitation meeting whenever two agencies hold related concerns.",
      "Map the adults around a child at risk of exploitation and share the map.",
    ],
  },
  {
    theme: "online-abuse",
    also: "adolescent-risk",
    age: "AGE_11_TO_15",
    title: "online grooming through a gaming platform",
    summary:
      "A twelve-year-old was groomed online by an adult who posed as a peer. The school had taught online safety, but the child did not connect the lessons with what was happening.",
    learning:
      "Online harm was treated as a separate topic rather than part of safeguarding. Parents were unsure how to talk about it.",
    recommendations: [
      "Include online contact in every safeguarding assessment of a child.",
      "Offer parents practical guidance on talking about online relationships.",
    ],
  },
  {
    theme: "disguised-compliance",
    also: "neglect",
    age: "AGE_5_TO_10",
    title: "parents who agreed with every plan",
    summary:
      "Parents attended meetings and agreed with every plan, yet little changed for the children. Practitioners recorded engagement as progress and the plan was stepped down.",
    learning:
      "Disguised compliance was mistaken for change. Plans measured attendance at meetings rather than outcomes for the children.",
    recommendations: [
      "Child protection plans state outcomes for the child that can be observed.",
      "Supervision tests whether engagement has led to change.",
    ],
  },
  {
    theme: "professional-curiosity",
    also: "voice-of-the-child",
    age: "AGE_5_TO_10",
    title: "explanations that were never tested",
    summary:
      "A child's injuries were explained as accidents over many months. Each explanation was plausible on its own, and no practitioner asked to see the places where the accidents were said to have happened.",
    learning:
      "Professional curiosity means testing explanations and revisiting them. Respectful uncertainty was not part of practice.",
    recommendations: [
      "Record who gave an explanation for an injury and how it was checked.",
      "Use reflective supervision to revisit explanations over time.",
    ],
  },
  {
    theme: "information-sharing",
    also: "escalation",
    age: "AGE_11_TO_15",
    title: "a referral that fell between services",
    summary:
      "A referral about a young person was sent to an old email address and never received. Each agency believed the other was acting, and no one checked.",
    learning:
      "Information sharing depends on confirming receipt. Escalation routes were not used when nothing happened.",
    recommendations: [
      "Acknowledge every safeguarding referral within one working day.",
      "Remind practitioners of the escalation procedure when a referral gets no reply.",
    ],
  },
  {
    theme: "voice-of-the-child",
    also: "children-with-disabilities",
    age: "AGE_11_TO_15",
    title: "a disabled child whose views were not sought",
    summary:
      "A young person with limited speech showed distress that was put down to the disability. Practitioners spoke to the carers and did not use the young person's own communication aids.",
    learning:
      "The voice of the child includes children who do not speak. Diagnostic overshadowing hid signs of harm.",
    recommendations: [
      "Plan how to hear each child's views, including through communication aids.",
      "Train practitioners on diagnostic overshadowing.",
    ],
  },
  {
    theme: "safe-sleep",
    also: "parental-substance-misuse",
    age: "UNDER_1",
    title: "sudden unexpected death of an infant",
    summary:
      "An infant died while sharing a sofa with a parent who had been drinking. Safe sleep advice had been given at birth but not repeated when the family's circumstances changed.",
    learning:
      "Safe sleep advice works when it is repeated and tailored to changes in the household, such as alcohol use or a move.",
    recommendations: [
      "Repeat safe sleep advice at every contact in the first year.",
      "Include alcohol and drug use in safe sleep conversations.",
    ],
  },
  {
    theme: "non-accidental-injury",
    also: "professional-curiosity",
    age: "UNDER_1",
    title: "bruising in a non-mobile baby",
    summary:
      "A small bruise on a baby who could not yet crawl was seen by a health practitioner and not referred. Weeks later the baby suffered a serious head injury.",
    learning:
      "Bruising in a non-mobile baby is rare and needs a referral every time. The protocol existed but was not known to every practitioner.",
    recommendations: [
      "Promote the bruising in non-mobile babies protocol across all agencies.",
      "Audit referrals of bruised non-mobile babies every year.",
    ],
  },
  {
    theme: "escalation",
    also: "information-sharing",
    age: "AGE_1_TO_4",
    title: "disagreement that was never escalated",
    summary:
      "A health visitor disagreed with the decision to close a case but did not use the escalation procedure. The child was later seriously harmed.",
    learning:
      "Practitioners need confidence to challenge decisions across agencies, and managers need to welcome it.",
    recommendations: [
      "Publish a short guide to escalation and resolution of professional disagreement.",
      "Report the use of escalation to the board each quarter.",
    ],
  },
];

const PSEUDONYMS = [
  "Ava",
  "Ben",
  "Cara",
  "Dev",
  "Ella",
  "Finn",
  "Gia",
  "Hal",
  "Isla",
  "Jay",
  "Kit",
  "Lou",
];

/** The demo catalogue: 48 reviews, four per scenario with areas, years and details varied. */
export function demoCatalogue(): DigestInput[] {
  const out: DigestInput[] = [];
  for (let i = 0; i < 48; i++) {
    const s = SCENARIOS[i % SCENARIOS.length] as (typeof SCENARIOS)[number];
    const round = Math.floor(i / SCENARIOS.length);
    const year = 2009 + ((i * 5) % 16);
    const area = round === 3 ? null : (AREAS[(i * 7) % AREAS.length] as string);
    const name = PSEUDONYMS[i % PSEUDONYMS.length] as string;
    const ref = `demo-${String(i + 1).padStart(3, "0")}`;
    out.push({
      ref,
      title: `${name}: ${s.title}`,
      publishingArea: area,
      publishedOn: `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 27)).padStart(2, "0")}`,
      ageGroup: s.age,
      pseudonym: round === 2 ? null : name,
      summary: s.summary,
      keyLearning: s.learning,
      recommendations: s.recommendations,
      themes: round % 2 === 0 ? [s.theme, s.also] : [s.theme],
      sourceUrl: `https://national-reviews.example.org/${ref}`,
      // National repositories withdraw their copies after some years; the record stays.
      sourceWithdrawnOn: year < 2013 ? `${year + 5}-01-01` : null,
    });
  }
  return out;
}

/** Writes the default themes and the demo catalogue (unchanged rows are left as they are). */
export async function seedCatalogue(store: Store): Promise<{ created: number }> {
  const ctx = catalogueEditor(store);
  await ensureDefaultThemes(ctx);
  const rows = demoCatalogue().map((input, i) => ({ line: i + 1, input }));
  let created = 0;
  for (let i = 0; i < rows.length; i += 100) {
    const report = await importDigests(ctx, rows.slice(i, i + 100));
    if (report.errors.length) throw new Error(`Demo catalogue: ${JSON.stringify(report.errors)}`);
    created += report.created;
  }
  return { created };
}
