import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { repairPendingLists } from "../../src/services/notification-lists";
import { createCaseVia, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { notificationInput, SUBMIT } from "../helpers/notifications";

/**
 * §18: a notification is on the list of every agency legitimately concerned with it (the
 * notifier, the agencies it names, the agencies of its cases), and the lists follow the cases.
 */
let api: TestApi;

beforeAll(async () => {
  api = await testApi();
});

const SET = `mutation($i: SetCaseAgenciesInput!) { setCaseAgencies(input: $i) { version agencies { id } } }`;

/** Every notification id on an agency's list (all pages), as the business unit sees it. */
async function listedFor(t: Tenant, agencyId: string): Promise<Set<string>> {
  const bu = await t.token("BUSINESS_UNIT");
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const res: Awaited<ReturnType<typeof api.gql<ListPage>>> = await api.gql<ListPage>(
      bu,
      `query($a: ID!, $after: String) { notifications(filter: { agencyId: $a }, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { a: agencyId, after },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    for (const e of res.data.notifications.edges) ids.add(e.node.id);
    if (!res.data.notifications.pageInfo.hasNextPage) return ids;
    after = res.data.notifications.pageInfo.endCursor;
  }
}
type ListPage = {
  notifications: {
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

async function submit(t: Tenant, caseIds: string[], named: number[] = []) {
  const res = await api.gql<{ submitIncidentNotification: { id: string } }>(
    await t.token("BUSINESS_UNIT"),
    SUBMIT,
    {
      input: notificationInput("II", t, caseIds, {
        involvedAgencyIds: named.map((i) => t.agencyIds[i]),
      }),
      key: `k-${randomUUID()}`,
    },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitIncidentNotification.id;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function caseVersion(t: Tenant, id: string): Promise<number> {
  const res = await api.gql<{ case: { version: number } }>(
    await t.token("BUSINESS_UNIT"),
    `query($id: ID!) { case(id: $id) { version } }`,
    { id },
  );
  return res.data?.case.version as number;
}

describe("§18: agencies' notification lists follow the cases", () => {
  it("moves every notification of a case covered by 101 of them (more than one transaction holds)", async () => {
    const t = await newTenant(api);
    const c = await createCaseVia(api, t, [0]);
    const ids = [];
    for (let i = 0; i < 101; i++) ids.push(await submit(t, [c.id]));
    expect((await listedFor(t, t.agencyIds[2] as string)).size).toBe(0);
    const moved = await api.gql(await t.token("BUSINESS_UNIT"), SET, {
      i: { id: c.id, expectedVersion: c.version, agencyIds: [t.agencyIds[0], t.agencyIds[2]] },
    });
    expect(moved.errors).toBeUndefined();
    // The request moves what its time budget allows (all of them on an idle machine); the lists
    // job finishes the rest. Either way, every one is moved and nothing is left pending.
    await repairPendingLists(api.store);
    expect([...(await listedFor(t, t.agencyIds[2] as string))].sort()).toEqual(ids.sort());
    expect(await api.store.cases.pendingLists()).not.toContainEqual(
      expect.objectContaining({ caseId: c.id }),
    );
    const dropped = await api.gql(await t.token("BUSINESS_UNIT"), SET, {
      i: { id: c.id, expectedVersion: c.version + 1, agencyIds: [t.agencyIds[0]] },
    });
    expect(dropped.errors).toBeUndefined();
    await repairPendingLists(api.store);
    expect((await listedFor(t, t.agencyIds[2] as string)).size).toBe(0);
    // The notifier keeps its place whatever happens to the case.
    expect((await listedFor(t, t.agencyIds[0] as string)).size).toBe(101);
  }, 60_000);

  it("stays right when a notification is submitted while the case's agencies change", async () => {
    const t = await newTenant(api);
    const bu = await t.token("BUSINESS_UNIT");
    const c = await createCaseVia(api, t, [0, 3]);
    // The submission reads the case (agencies 0 and 3), then waits; meanwhile the case moves
    // from agency 3 to agency 2 and its lists follow (the notification is not there yet); then
    // the submission writes what it computed from the case as it was.
    const moved = deferred<void>();
    const create = api.store.notifications.create.bind(api.store.notifications);
    const spy = vi
      .spyOn(api.store.notifications, "create")
      .mockImplementationOnce(async (...args) => {
        await moved.promise;
        return create(...args);
      });
    try {
      const submitted = submit(t, [c.id]);
      await vi.waitFor(() => expect(spy).toHaveBeenCalled());
      const res = await api.gql(bu, SET, {
        i: { id: c.id, expectedVersion: c.version, agencyIds: [t.agencyIds[0], t.agencyIds[2]] },
      });
      expect(res.errors).toBeUndefined();
      moved.resolve();
      const id = await submitted;
      expect((await listedFor(t, t.agencyIds[2] as string)).has(id)).toBe(true);
      expect((await listedFor(t, t.agencyIds[3] as string)).has(id)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it("stays right when two cases of one notification change at the same moment", async () => {
    const t = await newTenant(api);
    const bu = await t.token("BUSINESS_UNIT");
    const a = await createCaseVia(api, t, [0, 3]);
    const b = await createCaseVia(api, t, [0, 3]);
    const id = await submit(t, [a.id, b.id]);
    expect((await listedFor(t, t.agencyIds[3] as string)).has(id)).toBe(true);
    // Agency 3 leaves case A; A's lists are computed (B still has agency 3, so it stays) and
    // wait; agency 3 leaves case B and B's lists follow in full; then A's computed lists land.
    const bDone = deferred<void>();
    const syncLists = api.store.notifications.syncLists.bind(api.store.notifications);
    const spy = vi
      .spyOn(api.store.notifications, "syncLists")
      .mockImplementationOnce(async (...args) => {
        await bDone.promise;
        return syncLists(...args);
      });
    try {
      const leaveA = api.gql(bu, SET, {
        i: { id: a.id, expectedVersion: a.version, agencyIds: [t.agencyIds[0]] },
      });
      await vi.waitFor(() => expect(spy).toHaveBeenCalled());
      const leaveB = await api.gql(bu, SET, {
        i: { id: b.id, expectedVersion: b.version, agencyIds: [t.agencyIds[0]] },
      });
      expect(leaveB.errors).toBeUndefined();
      bDone.resolve();
      expect((await leaveA).errors).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect((await listedFor(t, t.agencyIds[3] as string)).has(id)).toBe(false);
    const res = await api.gql<{ notification: unknown }>(
      await t.token("AGENCY_LEAD", 3),
      `query($id: ID!) { notification(id: $id) { id } }`,
      { id },
    );
    expect(res.data?.notification).toBeNull();
  });

  it("are finished by the lists job when the request that changed the case stopped short", async () => {
    const t = await newTenant(api);
    const c = await createCaseVia(api, t, [0]);
    const ids = [await submit(t, [c.id]), await submit(t, [c.id])];
    // The change lands, and the request ends before the lists follow (a timeout, a crash).
    const [found] = [...(await api.store.cases.getMany(t.partnershipId, [c.id])).values()];
    if (!found) throw new Error("no case");
    const next = {
      ...found,
      agencyIds: [t.agencyIds[0] as string, t.agencyIds[1] as string],
      version: found.version + 1,
    };
    await api.store.cases.setAgencies(found, next, found.version);
    expect(await caseVersion(t, c.id)).toBe(found.version + 1);
    // Agency 1 may read them already (reads are checked against the case), but does not list them.
    expect(
      [...(await listedFor(t, t.agencyIds[1] as string))].filter((i) => ids.includes(i)),
    ).toEqual([]);
    const pending = await api.store.cases.pendingLists();
    expect(pending).toContainEqual(expect.objectContaining({ caseId: c.id }));

    await repairPendingLists(api.store);
    expect([...(await listedFor(t, t.agencyIds[1] as string))].sort()).toEqual(ids.sort());
    expect(await api.store.cases.pendingLists()).not.toContainEqual(
      expect.objectContaining({ caseId: c.id }),
    );
    // Run again: nothing to do, nothing changes.
    await repairPendingLists(api.store);
    expect([...(await listedFor(t, t.agencyIds[1] as string))].sort()).toEqual(ids.sort());
  });
});
