import { beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  createCaseVia,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import {
  commissionVia,
  contactVia,
  findingVia,
  ok,
  requestVia,
  reviewMutation,
  scrVia,
  stepVia,
  today,
} from "../helpers/reviews";

let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});

const attach = (
  tenant: Tenant,
  id: string,
  caseId: string,
  agencyIndex: number,
  role = "BUSINESS_UNIT",
) =>
  reviewMutation(
    api,
    tenant,
    role as never,
    "attachCaseRecords",
    "AttachCaseRecordsInput",
    { id, caseId, agencyId: tenant.agencyIds[agencyIndex], description: "Case file 2024-2026" },
    { select: "id attachments { agency { id } basis }", agencyIndex },
  );

const consentTo = (
  tenant: Tenant,
  id: string,
  caseId: string,
  status: string,
  agencies: number[],
  familyMember = "Mother",
) =>
  reviewMutation(api, tenant, "BUSINESS_UNIT", "recordConsent", "ConsentInput", {
    id,
    caseId,
    familyMember,
    status,
    agencyIds: agencies.map((i) => tenant.agencyIds[i]),
    on: today(),
  });

/** A contribution answered by its agency and accepted by the business unit. */
async function answered(
  tenant: Tenant,
  reviewId: string,
  agencyIndex: number,
  over: Record<string, unknown> = {},
) {
  const k = await requestVia(api, tenant, reviewId, agencyIndex, over);
  ok(
    await api.gql(
      await tenant.token("AGENCY_LEAD", agencyIndex),
      `mutation($input: SubmitContributionInput!) { submitContribution(input: $input) { id } }`,
      { input: { id: k.id, content: `What agency ${agencyIndex} knew` } },
    ),
  );
  ok(
    await api.gql(
      await tenant.token("BUSINESS_UNIT"),
      `mutation($input: ReviewContributionInput!) { reviewContribution(input: $input) { id } }`,
      { input: { id: k.id, expectedVersion: 2, outcome: "ACCEPTED" } },
    ),
  );
  return k.id;
}

const CONTRIBUTIONS = `query($id: ID!) { review(id: $id) { contributions { id agency { id } } informationShares { agency { id } basis consentWithdrawnOn cases { id } contributions { id } } } }`;

async function seenBy(tenant: Tenant, reviewId: string, agencyIndex: number) {
  const res = await api.gql<{
    review: {
      contributions: { id: string }[];
      informationShares: { consentWithdrawnOn: string | null; contributions: { id: string }[] }[];
    } | null;
  }>(await tenant.token("PRACTITIONER", agencyIndex), CONTRIBUTIONS, { id: reviewId });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data?.review ?? null;
}

describe("family involvement and consent (§26–32)", () => {
  it("§30: a thematic review refuses to attach a case's records without consent, and allows it after", async () => {
    const r = await commissionVia(api, t);
    await stepVia(api, t, r.id, "IN_PROGRESS");
    const refused = await attach(t, r.id, r.caseId, 0);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0]?.message).toMatch(/§30/);
    // Informed consent: the purpose explained first (§30).
    const uninformed = await consentTo(t, r.id, r.caseId, "GIVEN", [0]);
    expect(codes(uninformed)).toEqual(["BAD_USER_INPUT"]);
    await contactVia(api, t, r.id, r.caseId);
    ok(await consentTo(t, r.id, r.caseId, "GIVEN", [0]));
    const attached = ok(await attach(t, r.id, r.caseId, 0, "AGENCY_LEAD"));
    expect(attached.attachCaseRecords).toMatchObject({
      attachments: [{ agency: { id: t.agencyIds[0] }, basis: "CONSENT" }],
    });
    // Consent covers agency 0 only: agency 1's records stay out.
    expect(codes(await attach(t, r.id, r.caseId, 1))).toEqual(["BAD_USER_INPUT"]);
    // A contribution about the case from agency 1 is refused likewise; from agency 0 it is taken.
    const k1 = await requestVia(api, t, r.id, 1, { caseId: r.caseId });
    const answer1 = await api.gql(
      await t.token("AGENCY_LEAD", 1),
      `mutation($input: SubmitContributionInput!) { submitContribution(input: $input) { id } }`,
      { input: { id: k1.id, content: "Chronology" } },
    );
    expect(codes(answer1)).toEqual(["BAD_USER_INPUT"]);
    // Another agency's lead cannot attach agency 0's records.
    expect(
      codes(
        await reviewMutation(
          api,
          t,
          "AGENCY_LEAD",
          "attachCaseRecords",
          "AttachCaseRecordsInput",
          { id: r.id, caseId: r.caseId, agencyId: t.agencyIds[0], description: "x" },
          { agencyIndex: 1 },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });

  it("§31: a case whose family will not consent is swapped for an alternative, keeping the history", async () => {
    const r = await commissionVia(api, t);
    await stepVia(api, t, r.id, "IN_PROGRESS");
    await contactVia(api, t, r.id, r.caseId);
    ok(await consentTo(t, r.id, r.caseId, "REFUSED", []));
    const alternative = await createCaseVia(api, t, [0, 2]);
    const swapped = ok(
      await reviewMutation<{
        swapReviewCase: {
          cases: { id: string }[];
          caseChanges: { case: { id: string }; replacesCase: { id: string }; reason: string }[];
        };
      }>(
        api,
        t,
        "BUSINESS_UNIT",
        "swapReviewCase",
        "SwapReviewCaseInput",
        {
          id: r.id,
          caseId: r.caseId,
          alternativeCaseId: alternative.id,
          reason: "The family declined (§31)",
        },
        {
          versioned: true,
          select: "cases { id } caseChanges { case { id } replacesCase { id } reason }",
        },
      ),
    );
    expect(swapped.swapReviewCase.cases).toEqual([{ id: alternative.id }]);
    expect(swapped.swapReviewCase.caseChanges).toEqual([
      {
        case: { id: alternative.id },
        replacesCase: { id: r.caseId },
        reason: "The family declined (§31)",
      },
    ]);
    // The refusal is kept; the case swapped out takes no more records.
    const after = ok(
      await api.gql<{ review: { consents: { status: string; case: { id: string } }[] } }>(
        await t.token("BUSINESS_UNIT"),
        `query($id: ID!) { review(id: $id) { consents { status case { id } } } }`,
        { id: r.id },
      ),
    );
    expect(after.review.consents).toEqual([{ status: "REFUSED", case: { id: r.caseId } }]);
    expect(codes(await attach(t, r.id, r.caseId, 0))).toEqual(["BAD_USER_INPUT"]);
    // A case whose family consented is not swapped; nor is an SCR's.
    const b = await createCaseVia(api, t, [0]);
    await contactVia(api, t, r.id, alternative.id);
    ok(await consentTo(t, r.id, alternative.id, "GIVEN", [0]));
    expect(
      codes(
        await reviewMutation(
          api,
          t,
          "BUSINESS_UNIT",
          "swapReviewCase",
          "SwapReviewCaseInput",
          { id: r.id, caseId: alternative.id, alternativeCaseId: b.id, reason: "x" },
          { versioned: true },
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    const scr = await scrVia(api, t);
    const scrSwap = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "swapReviewCase",
      "SwapReviewCaseInput",
      { id: scr.reviewId, caseId: scr.caseId, alternativeCaseId: b.id, reason: "x" },
      { versioned: true },
    );
    expect(codes(scrSwap)).toEqual(["BAD_USER_INPUT"]);
    expect(scrSwap.errors?.[0]?.message).toMatch(/§26–28/);
  });

  it("§26–29: an SCR goes ahead without the family's agreement; its information reaches every participating agency and no other, and is held on the case record", async () => {
    const tenant = await newTenant(api);
    // Agency 3 works with the family but does not take part in the review.
    const c = await createCaseVia(api, tenant, [0, 1, 3]);
    const { reviewId } = await scrVia(api, tenant, { caseIds: [c.id] });
    // The decision lists every agency concerned; the board narrows who takes part to 0 and 1.
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "updateReview",
        "UpdateReviewInput",
        { id: reviewId, participatingAgencyIds: [tenant.agencyIds[0], tenant.agencyIds[1]] },
        { versioned: true },
      ),
    );
    await stepVia(api, tenant, reviewId, "IN_PROGRESS");
    // §26, §28: no consent is recorded or needed.
    expect(codes(await consentTo(tenant, reviewId, c.id, "REFUSED", []))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(ok(await attach(tenant, reviewId, c.id, 0)).attachCaseRecords).toMatchObject({
      attachments: [{ basis: "STATUTORY" }],
    });
    const k0 = await answered(tenant, reviewId, 0);
    const k1 = await answered(tenant, reviewId, 1);
    // Before the end, each agency sees its own only.
    expect((await seenBy(tenant, reviewId, 1))?.contributions.map((k) => k.id)).toEqual([k1]);
    await contactVia(api, tenant, reviewId, c.id);
    await findingVia(api, tenant, reviewId);
    // Not before the report is accepted.
    expect(
      codes(
        await reviewMutation(
          api,
          tenant,
          "BUSINESS_UNIT",
          "shareReviewInformation",
          "ShareReviewInformationInput",
          { id: reviewId },
          { versioned: true },
        ),
      ),
    ).toEqual(["CONFLICT"]);
    await stepVia(api, tenant, reviewId, "DRAFT_REPORT", "ACCEPTED");
    // Only the business unit shares.
    expect(
      codes(
        await reviewMutation(
          api,
          tenant,
          "INDEPENDENT_CHAIR",
          "shareReviewInformation",
          "ShareReviewInformationInput",
          { id: reviewId },
          { versioned: true },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "shareReviewInformation",
        "ShareReviewInformationInput",
        { id: reviewId },
        { versioned: true },
      ),
    );
    for (const agency of [0, 1]) {
      const seen = await seenBy(tenant, reviewId, agency);
      expect(seen?.contributions.map((k) => k.id).sort(), `agency ${agency}`).toEqual(
        [k0, k1].sort(),
      );
      expect(seen?.informationShares).toHaveLength(1);
    }
    // What another agency submitted is readable by every participating agency once shared.
    const shared = ok(
      await api.gql<{ contribution: { submissions: { content: string }[] } }>(
        await tenant.token("PRACTITIONER", 0),
        `query($id: ID!) { contribution(id: $id) { submissions { content } } }`,
        { id: k1 },
      ),
    );
    expect(shared.contribution.submissions).toEqual([{ content: "What agency 1 knew" }]);
    // Agency 3 works with the family but took no part: it receives nothing, and sees no review.
    expect(await seenBy(tenant, reviewId, 3)).toBeNull();
    const lead3 = await tenant.token("AGENCY_LEAD", 3);
    expect(
      (await api.gql(lead3, `query($id: ID!) { contribution(id: $id) { id } }`, { id: k0 })).data,
    ).toEqual({ contribution: null });
    // §29: held on the case record, for those who read the case and the review.
    const onRecord = ok(
      await api.gql<{ case: { reviewsOnRecord: { id: string }[] } }>(
        await tenant.token("PRACTITIONER", 1),
        `query($id: ID!) { case(id: $id) { reviewsOnRecord { id } } }`,
        { id: c.id },
      ),
    );
    expect(onRecord.case.reviewsOnRecord).toEqual([{ id: reviewId }]);
    const notTheirs = ok(
      await api.gql<{ case: { reviewsOnRecord: unknown[] } }>(
        lead3,
        `query($id: ID!) { case(id: $id) { reviewsOnRecord { id } } }`,
        { id: c.id },
      ),
    );
    expect(notTheirs.case.reviewsOnRecord).toEqual([]);
    // Partner systems do not read what was shared (data minimisation).
    const ps = ok(
      await api.gql<{ review: { contributions: { id: string }[] } }>(
        await tenant.token("PARTNER_SYSTEM", 1),
        `query($id: ID!) { review(id: $id) { contributions { id } } }`,
        { id: reviewId },
      ),
    );
    expect(ps.review.contributions.map((k) => k.id)).toEqual([k1]);
    // Sharing again: nothing new.
    expect(
      codes(
        await reviewMutation(
          api,
          tenant,
          "BUSINESS_UNIT",
          "shareReviewInformation",
          "ShareReviewInformationInput",
          { id: reviewId },
          { versioned: true },
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("§32: another review shares as far as each family member agreed; consent withdrawn stops further sharing and shows to every agency that received", async () => {
    const tenant = await newTenant(api);
    const c = await createCaseVia(api, tenant, [0, 1, 2]);
    const r = await commissionVia(api, tenant, { caseIds: [c.id] });
    await stepVia(api, tenant, r.id, "IN_PROGRESS");
    await contactVia(api, tenant, r.id, c.id, "Mother");
    await contactVia(api, tenant, r.id, c.id, "Father");
    ok(await consentTo(tenant, r.id, c.id, "GIVEN", [0, 1, 2], "Mother"));
    ok(await consentTo(tenant, r.id, c.id, "GIVEN", [0, 1], "Father"));
    const k0 = await answered(tenant, r.id, 0, { caseId: c.id });
    await findingVia(api, tenant, r.id);
    await stepVia(api, tenant, r.id, "DRAFT_REPORT", "ACCEPTED");
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "shareReviewInformation",
        "ShareReviewInformationInput",
        { id: r.id },
        { versioned: true },
      ),
    );
    // Both agreed to agencies 0 and 1; only the mother to agency 2.
    expect((await seenBy(tenant, r.id, 1))?.informationShares[0]?.contributions).toEqual([
      { id: k0 },
    ]);
    expect(await seenBy(tenant, r.id, 2)).toMatchObject({
      informationShares: [],
      contributions: [],
    });
    // The father withdraws: every agency that received sees it; nothing more is shared.
    ok(await consentTo(tenant, r.id, c.id, "WITHDRAWN", [], "Father"));
    for (const agency of [0, 1])
      expect(
        (await seenBy(tenant, r.id, agency))?.informationShares[0]?.consentWithdrawnOn,
        `agency ${agency}`,
      ).toBe(today());
    ok(await consentTo(tenant, r.id, c.id, "GIVEN", [0, 1, 2], "Mother"));
    expect(
      codes(
        await reviewMutation(
          api,
          tenant,
          "BUSINESS_UNIT",
          "shareReviewInformation",
          "ShareReviewInformationInput",
          { id: r.id },
          { versioned: true },
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    // Families' contacts and consents are for the board's core roles and the lead reviewer only.
    const agencyView = ok(
      await api.gql<{
        review: { viewerCanReadFamily: boolean; familyContacts: null; consents: null };
      }>(
        await tenant.token("AGENCY_LEAD", 0),
        `query($id: ID!) { review(id: $id) { viewerCanReadFamily familyContacts { id } consents { id } } }`,
        { id: r.id },
      ),
    );
    expect(agencyView.review).toEqual({
      viewerCanReadFamily: false,
      familyContacts: null,
      consents: null,
    });
  });
});
