import { describe, expect, it } from "vitest";
import { parseDashboardConfig } from "../../src/dashboard/config";
import { financialYear, monthsOf, periodProblem } from "../../src/dashboard/period";

describe("the dashboard's period picker", () => {
  it("starts on the current financial year, April to March", () => {
    expect(financialYear(new Date(2026, 10, 28))).toEqual({ from: "2026-04", to: "2027-03" });
    expect(financialYear(new Date(2027, 2, 31))).toEqual({ from: "2026-04", to: "2027-03" });
    expect(financialYear(new Date(2027, 3, 1))).toEqual({ from: "2027-04", to: "2028-03" });
  });

  it("lists every month of a period, across a year's end", () => {
    expect(monthsOf("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsOf("2026-04", "2027-03")).toHaveLength(12);
  });

  it("refuses a period the API would refuse: not months, backwards, or longer than 24 months", () => {
    expect(periodProblem("2026-04", "2027-03")).toBeNull();
    expect(periodProblem("2025-04", "2027-03")).toBeNull();
    expect(periodProblem("2025-03", "2027-03")).toMatch(/at most 24 months/);
    expect(periodProblem("2027-04", "2027-03")).toMatch(/before the first/);
    expect(periodProblem("2026-13", "2027-03")).toMatch(/first month/);
    expect(periodProblem("2026-04", "")).toMatch(/last month/);
  });
});

describe("the dashboard's config", () => {
  it("takes the deploy step's Cognito config and the local server's, and says what is wrong with others", async () => {
    const cognito = {
      mode: "cognito",
      graphqlUrl: "https://abc.execute-api.eu-west-2.amazonaws.com/graphql",
      cognito: { domain: "https://lif-prod.auth.eu-west-2.amazoncognito.com", clientId: "c1" },
    };
    expect(parseDashboardConfig(cognito)).toEqual(cognito);
    const local = { mode: "local", graphqlUrl: "/graphql", tokenUrl: "/dev/token", users: [] };
    expect(parseDashboardConfig(local)).toEqual(local);
    expect(() => parseDashboardConfig({ ...cognito, cognito: { domain: "http://x" } })).toThrow(
      /cognito.domain/,
    );
    expect(() =>
      parseDashboardConfig({
        ...cognito,
        cognito: { domain: "http://localhost.evil", clientId: "c" },
      }),
    ).toThrow(/cognito.domain/);
    const standIn = { ...cognito, cognito: { domain: "http://localhost:4123", clientId: "c" } };
    expect(parseDashboardConfig(standIn)).toEqual(standIn);
    expect(() => parseDashboardConfig({ ...local, mode: "other" })).toThrow(/mode/);
    expect(() => parseDashboardConfig(null)).toThrow(/not an object/);

    // scripts/dashboard-publish.mjs reads it from the stack's outputs.
    const { dashboardTargets } = await import("../../scripts/dashboard-publish.mjs");
    const outputs = [
      { OutputKey: "DashboardConfig", OutputValue: JSON.stringify(cognito) },
      { OutputKey: "DashboardBucketName", OutputValue: "bucket-1" },
      { OutputKey: "DashboardDistributionId", OutputValue: "E123" },
      { OutputKey: "DashboardUrl", OutputValue: "https://d1.cloudfront.net/" },
    ];
    expect(dashboardTargets(outputs)).toEqual({
      config: cognito,
      bucket: "bucket-1",
      distributionId: "E123",
      url: "https://d1.cloudfront.net/",
    });
    expect(() => dashboardTargets(outputs.slice(1))).toThrow(/no DashboardConfig output/);
  });
});
