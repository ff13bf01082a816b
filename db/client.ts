import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export { schema };
export type Schema = typeof schema;

/** The database as domain functions see it: PGlite and PostgreSQL behind one type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SlowQueryLog {
  thresholdMs: number;
  log: (entry: { durationMs: number; query: string }) => void;
}

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number; slowQueries?: SlowQueryLog }
  | { kind: "pglite"; dir: string; slowQueries?: SlowQueryLog };

/**
 * Times every statement by wrapping the driver's query entry point (and those of the transaction
 * clients it hands out), so slow queries are logged whether or not they run inside a transaction.
 */
function timeQueries<T extends object>(client: T, method: string, txMethod: string, slow: SlowQueryLog): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === method) {
        return (query: string, ...rest: unknown[]) => {
          const started = performance.now();
          const result = (value as (...a: unknown[]) => unknown).call(target, query, ...rest);
          let reported = false;
          // A query may be awaited by several parties (postgres.js tracks a transaction's queries), so
          // report it once.
          const report = () => {
            if (reported) return;
            reported = true;
            const durationMs = performance.now() - started;
            if (durationMs >= slow.thresholdMs) slow.log({ durationMs: Math.round(durationMs), query });
          };
          if (result && typeof (result as Promise<unknown>).then === "function") {
            // postgres.js queries are lazy thenables with extra methods (.values()); keep the object and
            // hook its settlement instead of replacing it.
            const thenable = result as Promise<unknown>;
            const originalThen = thenable.then.bind(thenable);
            (thenable as { then: unknown }).then = (onOk?: (v: unknown) => unknown, onErr?: (e: unknown) => unknown) =>
              originalThen(
                (v) => {
                  report();
                  return onOk ? onOk(v) : v;
                },
                (e) => {
                  report();
                  if (onErr) return onErr(e);
                  throw e;
                },
              );
          }
          return result;
        };
      }
      if (prop === txMethod) {
        return (...args: unknown[]) => {
          const callbackIndex = args.findIndex((a) => typeof a === "function");
          if (callbackIndex >= 0) {
            const cb = args[callbackIndex] as (tx: object) => unknown;
            args[callbackIndex] = (tx: object) => cb(timeQueries(tx, method, txMethod, slow));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

/**
 * Makes postgres.js prepare every parameterised statement (Drizzle sends all of its queries through
 * `unsafe`, which postgres.js leaves unprepared). A named statement is parsed once per connection and
 * PostgreSQL may keep its plan, so the planning that dominated short feed and card queries (about a
 * millisecond each, more than their execution) is paid once per connection instead of per request.
 * Statements without parameters — migrations, multi-statement scripts — stay simple queries.
 * postgres.js re-prepares by itself when a schema change invalidates a cached plan.
 */
function prepareStatements<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "unsafe") {
        return (query: string, args?: unknown[], options?: Record<string, unknown>) =>
          (value as (...a: unknown[]) => unknown).call(
            target,
            query,
            args ?? [],
            args && args.length > 0 ? { ...options, prepare: true } : (options ?? {}),
          );
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const callbackIndex = args.findIndex((a) => typeof a === "function");
          if (callbackIndex >= 0) {
            const cb = args[callbackIndex] as (tx: object) => unknown;
            args[callbackIndex] = (tx: object) => cb(prepareStatements(tx));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

/** Opens PostgreSQL (postgres.js) or the embedded PGlite, with the same Drizzle schema on both. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // Timestamps come back as Date objects; bigints as numbers in Drizzle's "number" mode.
      connection: { application_name: "seedbed" },
    });
    const prepared = prepareStatements(client);
    const driver = options.slowQueries ? timeQueries(prepared, "unsafe", "begin", options.slowQueries) : prepared;
    const db = drizzle(driver, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const isMemory = options.dir.startsWith("memory://");
  if (!isMemory) fs.mkdirSync(path.dirname(path.resolve(options.dir)), { recursive: true });
  // Extensions must be given when PGlite is created; pg_trgm serves search and fuzzy matching.
  const client = await PGlite.create(isMemory ? options.dir : path.resolve(options.dir), { extensions: { pg_trgm } });
  const driver = options.slowQueries ? timeQueries(client, "query", "transaction", options.slowQueries) : client;
  const db = drizzle(driver as typeof client, { schema, casing: "snake_case" }) as unknown as Database;
  let closed = false;
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
