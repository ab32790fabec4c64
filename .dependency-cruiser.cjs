/**
 * Import direction: handlers/local -> graphql -> services -> auth/domain/data -> shared.
 * The domain knows no GraphQL and no AWS; only the data layer talks to DynamoDB; services reach
 * the data layer through the Store's repositories only.
 *
 * Every rule applies to every kind of dependency, `import type` included: a type import still
 * couples one layer to another's vocabulary. npm packages are resolved (not followed), so rules
 * about packages see them. tests/infra/layering.test.ts plants each forbidden import in a copy
 * of the tree and checks that this configuration refuses it.
 */
const layer = (name) => `^src/${name}/`;
const GRAPHQL_PACKAGES =
  "node_modules/(graphql|type-graphql|graphql-scalars|class-validator|@apollo|@as-integrations)/";
const AWS_PACKAGES = "node_modules/(@aws-sdk|@smithy)/";

module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "The domain layer imports only itself, Node built-ins and date-holidays (pure calendar data).",
      severity: "error",
      from: { path: layer("domain") },
      to: { pathNot: [layer("domain"), "^node:", "node_modules/date-holidays/"] },
    },
    {
      name: "only-data-talks-to-aws",
      comment:
        "The AWS SDK (DynamoDB and any other service) is reached through src/data only; local tooling may create tables.",
      severity: "error",
      from: { path: "^src/", pathNot: [layer("data"), layer("local")] },
      to: { path: AWS_PACKAGES },
    },
    {
      name: "no-graphql-below-graphql",
      comment: "Services, data, auth, domain and shared know nothing of GraphQL.",
      severity: "error",
      from: { path: "^src/(domain|data|services|auth|shared)/" },
      to: { path: [layer("graphql"), GRAPHQL_PACKAGES] },
    },
    {
      name: "data-does-not-decide-access",
      comment: "The data layer stores; it never imports the layers that decide or present.",
      severity: "error",
      from: { path: layer("data") },
      to: { path: "^src/(services|auth|graphql|handlers|local)/" },
    },
    {
      name: "auth-decides-from-the-domain",
      comment: "The policy and the token verifier know the domain only (and jose for tokens).",
      severity: "error",
      from: { path: layer("auth") },
      to: { path: "^src/(data|services|graphql|handlers|local|shared)/" },
    },
    {
      name: "services-use-the-store",
      comment: "Services reach DynamoDB through the Store's repositories, never a key or a client.",
      severity: "error",
      from: { path: layer("services") },
      to: { path: layer("data"), pathNot: "^src/data/store\\.ts$" },
    },
    {
      name: "services-below-graphql",
      severity: "error",
      from: { path: layer("services") },
      to: { path: "^src/(graphql|handlers|local)/" },
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
      comment: "Nothing imports a Lambda handler but the local server that runs it.",
      severity: "error",
      from: { path: "^src/", pathNot: layer("local") },
      to: { path: layer("handlers") },
    },
    {
      name: "handlers-do-not-use-local-tooling",
      comment: "What runs in Lambda never depends on DynamoDB Local, the seed or the dev issuer.",
      severity: "error",
      from: { path: layer("handlers") },
      to: { path: layer("local") },
    },
    {
      name: "shared-is-a-leaf",
      severity: "error",
      from: { path: layer("shared") },
      to: { path: "^src/(?!shared/)" },
    },
    {
      name: "examples-know-only-the-contract",
      comment:
        "An example client (examples/) is what an integrator writes: it knows the API through the committed SDL and its generated types, never the API's own code or tests.",
      severity: "error",
      from: { path: "^examples/" },
      to: { path: "^(src|tests|scripts)/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
