/** What the local server tells the explorer page (embedded in it as JSON). */
export interface ExplorerConfig {
  /** The GraphQL route this page sends requests to: `/graphql` or `/public/graphql`. */
  readonly route: string;
  /** Every route the explorer is served at. */
  readonly routes: readonly string[];
  /** Where the bundled scripts, styles and workers are served. */
  readonly assets: string;
  /** A dev token for the default demo user, or null (the public route). */
  readonly token: string | null;
  readonly defaultQuery: string;
  /** Demo users the "Dev tokens" panel offers, the default first. */
  readonly users: readonly DemoUserChoice[];
}

export interface DemoUserChoice {
  readonly label: string;
  readonly role: string;
  readonly partnership: string;
  readonly agencyId: string | null;
}
