import { type PendingLists, RelatedRecordChanged, type Store } from "../data/store";
import { listedAgencies } from "../domain/notifications";
import { UnavailableError } from "../shared/faults";
import { log } from "../shared/logger";

/**
 * §18: who is legitimately concerned with a notification follows the cases it covers. A
 * notification is on the list of every agency concerned (its notifier, the agencies it names and
 * the agencies of its cases). When a case's agencies change, each notification covering it is
 * listed again here, one transaction per notification, guarded by the versions it was computed
 * from: a concurrent change of the notification or of any of its cases makes it read again, so
 * the last write always reflects what is stored. Reading a notification is checked against the
 * cases live; only the lists can lag, and only until this has run.
 */

const ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lists one notification for exactly the agencies concerned now; the items it wrote. */
export async function syncNotificationLists(
  store: Store,
  partnershipId: string,
  notificationId: string,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const found = await store.notifications.getMany(partnershipId, [notificationId]);
    const n = found.get(notificationId);
    if (!n) return 0;
    const cases = [...(await store.cases.getMany(partnershipId, n.caseIds)).values()];
    try {
      return await store.notifications.syncLists(n, cases, listedAgencies(n, cases));
    } catch (err) {
      if (!(err instanceof RelatedRecordChanged)) throw err;
      if (attempt >= ATTEMPTS)
        throw new UnavailableError("The notification is busy with other changes", { cause: err });
      await sleep(Math.random() * 10 * 2 ** Math.min(attempt, 5));
    }
  }
}

/**
 * Lists again every notification covering a case whose agencies changed, then removes the
 * case's pending marker (unless a later change replaced it). Returns false when `deadline`
 * (epoch ms) came first: the marker stays, and the lists job finishes the work.
 */
export async function syncCaseLists(
  store: Store,
  pending: PendingLists,
  deadline = Number.POSITIVE_INFINITY,
): Promise<boolean> {
  const ids = await store.notifications.listIdsByCase(pending.partnershipId, pending.caseId);
  const queue = [...ids];
  let complete = true;
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (Date.now() > deadline) {
        complete = false;
        return;
      }
      await syncNotificationLists(store, pending.partnershipId, id);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (complete) await store.cases.clearPendingLists(pending);
  return complete;
}

/**
 * The lists job (scheduled, and at the start of `npm start`): finishes every case whose
 * notifications' lists have not all followed a change of its agencies (a request that ended
 * before it had finished, or more notifications than a request's time allowed). Idempotent.
 */
export async function repairPendingLists(store: Store): Promise<{ cases: number }> {
  const pending = await store.cases.pendingLists();
  for (const p of pending) await syncCaseLists(store, p);
  if (pending.length > 0) log("info", "notification lists repaired", { cases: pending.length });
  return { cases: pending.length };
}
