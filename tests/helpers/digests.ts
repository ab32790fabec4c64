import { randomUUID } from "node:crypto";
import type { DigestInput } from "../../src/domain/digests";
import type { Tenant, TestApi } from "./harness";

/** A catalogue row written for the tests (no text of a real review). */
export function digestRow(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    ref: `test-${randomUUID().slice(0, 12)}`,
    title: "Baby Q: missed appointments and a busy household",
    publishingArea: "Westmarsh",
    publishedOn: "2019-06-01",
    ageGroup: "UNDER_1",
    pseudonym: "Baby Q",
    summary: "Health visitors found the home hard to reach and appointments were missed.",
    keyLearning: "Agencies relied on the parents' account and did not check it with each other.",
    recommendations: ["Share missed appointments with the health visitor the same week."],
    themes: ["neglect"],
    sourceUrl: "https://example.org/reviews/baby-q",
    ...overrides,
  };
}

export const IMPORT = /* GraphQL */ `
  mutation($rows: [NationalReviewDigestInput!]!) {
    importNationalReviewDigests(input: { rows: $rows }) {
      created updated unchanged errors { line field message }
    }
  }
`;

/** Imports rows as a catalogue editor; returns the report. */
export async function importRows(api: TestApi, t: Tenant, rows: DigestInput[]) {
  const res = await api.gql<{
    importNationalReviewDigests: {
      created: number;
      updated: number;
      unchanged: number;
      errors: { line: number; field: string; message: string }[];
    };
  }>(await t.token("CATALOGUE_EDITOR"), IMPORT, { rows });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.importNationalReviewDigests;
}
