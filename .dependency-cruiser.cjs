/**
 * Import direction: handlers/local -> graphql -> services -> auth/domain/data -> shared.
 * The domain knows no GraphQL and no AWS; only the data layer talks to DynamoDB.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "The domain layer knows no GraphQL, no AWS and no other layer.",
      severity: "error",
      from: { path: layer("domain") },
      to: { pathNot: [layer("domain"), "^node:"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "domain-imports-nothing-external",
      severity: "error",
      from: { path: layer("domain") },
      to: { dependencyTypes: ["npm", "npm-dev"] },
    },
    {
      name: "only-data-talks-to-dynamodb",
      comment: "DynamoDB is reached through src/data only (local tooling may create tables).",
      severity: "error",
      from: { pathNot: [layer("data"), layer("local")] },
      to: { path: "@aws-sdk/(client-dynamodb|lib-dynamodb)" },
    },
    {
      name: "no-graphql-below-graphql",
      comment: "Services, data, auth and domain know nothing of GraphQL.",
      severity: "error",
      from: { path: "^src/(domain|data|services|auth|shared)/" },
      to: { path: ["^src/graphql/", "node_modules/(graphql|type-graphql|@apollo)/"] },
    },
    {
      name: "data-does-not-decide-access",
      severity: "error",
      from: { path: layer("data") },
      to: { path: ["^src/(services|auth|graphql|handlers|local)/"] },
    },
    {
      name: "services-below-graphql",
      severity: "error",
      from: { path: "^src/(services|auth)/" },
      to: { path: ["^src/(graphql|handlers|local)/"] },
    },
    {
      name: "graphql-does-not-touch-data",
      comment: "Resolvers call services; they never reach DynamoDB repositories directly.",
      severity: "error",
      from: { path: layer("graphql") },
      to: { path: ["^src/data/(?!store\\.ts$)", "^src/(handlers|local)/"] },
    },
    {
      name: "handlers-are-entry-points",
      severity: "error",
      from: { path: "^src/(?!local/)" },
      to: { path: layer("handlers") },
    },
    {
      name: "shared-is-a-leaf",
      severity: "error",
      from: { path: layer("shared") },
      to: { path: "^src/(?!shared/)" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "node_modules" },
  },
};
