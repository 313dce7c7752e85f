import { dataVersion } from "@/db/data-version";
import type { Ctx } from "./context";
import { endOfLondonDay } from "./deadlines/calendar-date";
import { londonDateOf } from "./deadlines/london-date";

/**
 * Answers for the live views (the dashboard and the deadlines view), kept while the database is
 * unchanged. Every open dashboard polls, and each answer costs tens of milliseconds at 100,000
 * cases, all of it holding the one thread; between writes the answer cannot differ, so it is
 * computed once per change instead of once per poll. ADR 0011 says why this is exact.
 *
 * An answer is reused only when all of these are unchanged:
 * - the data version (db/data-version.ts: any commit by another connection, any row changed by this one);
 * - the UK date, and whether its last second (23:59:59, when deadlines due that day expire) has passed,
 *   since every figure counts days from today and judges expiry by the second;
 * - the caller's key, which must hold everything else the answer depends on (filters, the actor's
 *   id, role and team where the answer depends on who asks).
 */

/** At most this many answers per connection: a few per filter combination and person polling. */
export const LIVE_VIEW_CACHE_LIMIT = 500;
/** However unchanged the data, no answer is reused after this long (a bound, not the mechanism). */
export const LIVE_VIEW_MAX_AGE_MS = 5 * 60_000;

interface Entry {
  version: string;
  moment: string;
  storedAtMs: number;
  value: unknown;
}

/** A separate set of answers with its own size limit, so that one kind of view never evicts another's. */
export interface ViewStore {
  name: string;
  limit: number;
}

export const LIVE_VIEWS: ViewStore = { name: "live views", limit: LIVE_VIEW_CACHE_LIMIT };

const cacheByConnection = new WeakMap<object, Map<string, Map<string, Entry>>>();

/** The part of "now" that the live views depend on: the UK date, and whether deadlines due today have expired. */
export function liveViewMoment(now: Date): string {
  const today = londonDateOf(now);
  const pastLastSecond = now.getTime() > Date.parse(endOfLondonDay(today));
  return `${today}${pastLastSecond ? " after 23:59:59" : ""}`;
}

/**
 * `compute()`'s answer for `key`, reused while nothing it depends on can have changed. The answer is
 * shared between requests: callers must treat it as read-only.
 */
export function memoizeLiveView<T>(ctx: Pick<Ctx, "db" | "now">, key: string, compute: () => T): T {
  return memoizeWhileUnchanged(ctx, LIVE_VIEWS, key, compute);
}

/** memoizeLiveView for any view whose answer depends only on the data, the caller's key and the UK date. */
export function memoizeWhileUnchanged<T>(ctx: Pick<Ctx, "db" | "now">, store: ViewStore, key: string, compute: () => T): T {
  const client = ctx.db.$client;
  let stores = cacheByConnection.get(client);
  if (!stores) {
    stores = new Map();
    cacheByConnection.set(client, stores);
  }
  let cache = stores.get(store.name);
  if (!cache) {
    cache = new Map();
    stores.set(store.name, cache);
  }
  const version = dataVersion(client);
  const moment = liveViewMoment(ctx.now);
  const nowMs = ctx.now.getTime();
  const found = cache.get(key);
  if (found && found.version === version && found.moment === moment && nowMs >= found.storedAtMs && nowMs - found.storedAtMs < LIVE_VIEW_MAX_AGE_MS) {
    putLast(cache, key, found);
    return found.value as T;
  }
  const value = compute();
  // Computing reads only; if it wrote (it must not), the answer would already be stale.
  if (dataVersion(client) === version) {
    putLast(cache, key, { version, moment, storedAtMs: nowMs, value });
    while (cache.size > store.limit) cache.delete(cache.keys().next().value!);
  }
  return value;
}

/** memoizeWhileUnchanged for an answer that depends on who asks: the whole actor joins the key. */
export function memoizeForViewer<T>(ctx: Pick<Ctx, "db" | "now" | "actor">, store: ViewStore, key: string, compute: () => T): T {
  return memoizeWhileUnchanged(ctx, store, `${key}\n${JSON.stringify(ctx.actor)}`, compute);
}

/** Most recently used last, so the first key is always the one to evict. */
function putLast(cache: Map<string, Entry>, key: string, entry: Entry): void {
  cache.delete(key);
  cache.set(key, entry);
}
