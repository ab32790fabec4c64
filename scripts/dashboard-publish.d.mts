import type { CognitoDashboardConfig } from "../src/dashboard/config";

/** The page's config.json and the bucket, distribution and URL, from the stack's outputs. */
export function dashboardTargets(outputs: { OutputKey: string; OutputValue: string }[]): {
  config: CognitoDashboardConfig;
  bucket: string;
  distributionId: string;
  url: string;
};
