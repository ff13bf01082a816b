import type { Database } from "../../db/client";
import { createAccessToken, createUser } from "../../server/identity";
import { createTestContextLite } from "./context";
import type { BenchFixtures } from "./scenarios";

const MEMBERS = 500;

/**
 * A community of a realistic size for the scenarios: hundreds of members, so lookups by token, handle
 * and session run against real indexes rather than a near-empty table.
 */
export async function seedBenchData(db: Database, progress: (done: number, total: number) => void): Promise<BenchFixtures> {
  const now = new Date();
  const ctx = createTestContextLite(db);
  const member = await createUser(db, {
    handle: "bench_member",
    email: "bench_member@bench.invalid",
    password: "bench-password-1",
    displayName: "压测会员",
    now,
  });
  // Password hashing dominates seeding; the other members share one cheap path through the same function.
  for (let i = 0; i < MEMBERS; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, MEMBERS - i) }, (_, j) =>
        createUser(db, {
          handle: `bench_${i + j}`,
          email: `bench_${i + j}@bench.invalid`,
          password: `bench-password-${i + j}`,
          displayName: `会员${i + j}`,
          now,
        }),
      ),
    );
    progress(Math.min(i + 100, MEMBERS), MEMBERS);
  }
  const { token } = await createAccessToken(ctx, member.id, { name: "bench" });
  return { memberToken: token };
}
