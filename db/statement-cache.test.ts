import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheStatements, STATEMENT_CACHE_LIMIT } from "./statement-cache";

let client: Database.Database;

beforeEach(() => {
  client = new Database(":memory:");
  client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c');");
  cacheStatements(client);
});
afterEach(() => client.close());

describe("cacheStatements", () => {
  it("hands back the statement compiled before for the same SQL", () => {
    const first = client.prepare("SELECT name FROM t WHERE id = ?");
    expect(client.prepare("SELECT name FROM t WHERE id = ?")).toBe(first);
    expect(client.prepare("SELECT name FROM t WHERE id = ? ")).not.toBe(first);
    expect(first.get(2)).toEqual({ name: "b" });
  });

  it("hands it back in its default modes, whatever the last caller set", () => {
    client.prepare("SELECT id, name FROM t ORDER BY id").raw();
    expect(client.prepare("SELECT id, name FROM t ORDER BY id").all()[0]).toEqual({ id: 1, name: "a" });
    client.prepare("SELECT id, name FROM t ORDER BY id").pluck();
    expect(client.prepare("SELECT id, name FROM t ORDER BY id").get()).toEqual({ id: 1, name: "a" });
    client.prepare("SELECT id, name FROM t ORDER BY id").expand();
    expect(client.prepare("SELECT id, name FROM t ORDER BY id").get()).toEqual({ id: 1, name: "a" });
    // Writers have no modes to reset.
    expect(client.prepare("UPDATE t SET name = name").run().changes).toBe(3);
    expect(client.prepare("UPDATE t SET name = name").run().changes).toBe(3);
  });

  it("compiles a new statement while the cached one is part-way through an iteration", () => {
    const source = "SELECT id FROM t ORDER BY id";
    const seen: number[] = [];
    for (const row of client.prepare(source).iterate() as IterableIterator<{ id: number }>) {
      seen.push(row.id, (client.prepare(source).all() as { id: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  });

  it("keeps at most STATEMENT_CACHE_LIMIT statements, dropping the least recently used", () => {
    const kept = client.prepare("SELECT 'kept'");
    const dropped = client.prepare("SELECT 'dropped'");
    for (let i = 0; i < STATEMENT_CACHE_LIMIT - 2; i++) client.prepare(`SELECT ${i}`);
    expect(client.prepare("SELECT 'kept'")).toBe(kept);
    client.prepare("SELECT 'one more'");
    expect(client.prepare("SELECT 'kept'")).toBe(kept);
    expect(client.prepare("SELECT 'dropped'")).not.toBe(dropped);
  });
});
