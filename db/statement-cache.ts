import type Database from "better-sqlite3";

/** Distinct statements kept per connection; the app runs a few hundred distinct queries. */
export const STATEMENT_CACHE_LIMIT = 1000;

/**
 * Makes `prepare` on this connection hand back the statement it compiled last time for the same
 * SQL. drizzle prepares every query it runs afresh, and compiling was the largest single cost of
 * a short request (about a tenth of an unread-count poll). A statement is reused only when it is
 * not in the middle of an `.iterate()`, and always in its default modes (not raw, plucked or
 * expanded), so a caller sets any mode it wants right after `prepare`, as it would on a new one.
 * Callers must not keep a statement and rely on its modes later: another caller may reset them.
 */
export function cacheStatements(client: Database.Database): void {
  const compile = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      // Most recently used last, so the oldest is the one evicted.
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = compile(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > STATEMENT_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as Database.Database["prepare"];
}
