import { describe, expect, it } from "vitest";
import { grantingPath, requirement, standing, windowStart, condition } from "../../server/distribution/rights/rules";
import { refundRateExceeded } from "../../server/distribution/fraud/rules";

describe("distribution rights rules", () => {
  it("counts a window of days back from today, today included, across month and year ends", () => {
    expect(windowStart("2026-11-30", 30)).toBe("2026-11-01");
    expect(windowStart("2026-03-01", 2)).toBe("2026-02-28");
    expect(windowStart("2027-01-05", 7)).toBe("2026-12-30");
    expect(windowStart("2026-11-30", 1)).toBe("2026-11-30");
  });

  it("says how much is missing and never less than nothing", () => {
    expect(requirement("checkinDays", 5, 7)).toEqual({ key: "checkinDays", have: 5, need: 7, met: false, missing: 2 });
    expect(requirement("purchaseCents", 12_000, 9_900)).toMatchObject({ met: true, missing: 0 });
    expect(requirement("checkinDays", 0, 0)).toMatchObject({ met: true, missing: 0 });
  });

  it("grants the first satisfied path in order creator, tasks, membership, staff, and nothing from a switched-off path", () => {
    const creator = standing("creator", true, [condition("creatorRole", true)]);
    const tasks = standing("tasks", true, [requirement("checkinDays", 7, 7), requirement("purchaseCents", 9_900, 9_900)]);
    const membership = standing("membership", true, [condition("membershipPlan", true)]);
    const staff = standing("staff", true, [condition("staffRole", true)]);
    expect(grantingPath([staff, membership, tasks, creator])).toBe("creator");
    expect(grantingPath([staff, membership, tasks])).toBe("tasks");
    expect(grantingPath([staff, membership])).toBe("membership");
    expect(grantingPath([standing("membership", false, [condition("membershipPlan", true)])])).toBeNull();
    expect(grantingPath([standing("tasks", true, [requirement("checkinDays", 6, 7), requirement("purchaseCents", 9_900, 9_900)])])).toBeNull();
  });
});

describe("refund-rate threshold", () => {
  it("flags at 25 % of at least 4 orders, exactly, without floating-point edges", () => {
    expect(refundRateExceeded(1, 4)).toBe(true);
    expect(refundRateExceeded(1, 3)).toBe(false); // 33 %, but too few orders to judge
    expect(refundRateExceeded(24, 100)).toBe(false);
    expect(refundRateExceeded(25, 100)).toBe(true);
    expect(refundRateExceeded(0, 0)).toBe(false);
    for (let total = 4; total < 200; total++) {
      for (let refunded = 0; refunded <= total; refunded++) expect(refundRateExceeded(refunded, total)).toBe(refunded * 4 >= total);
    }
  });
});
