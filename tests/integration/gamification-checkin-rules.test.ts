import { describe, expect, it } from "vitest";
import {
  addDays,
  bonusesReachedAt,
  daysBetween,
  earnsMakeupCard,
  isCalendarDate,
  makeupRefusal,
  monthInfo,
  nextBonus,
  streaksAfterFill,
  weekdayOf,
} from "../../server/gamification/checkin/rules";

/** The pure check-in rules: calendar arithmetic, the bonus ladder, make-up eligibility, streaks after a fill. */
describe("check-in rules", () => {
  it("counts civil days across month, leap and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-25", "2027-01-01")).toBe(7);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-3-1")).toBe(false);
    expect(monthInfo("2028-02")).toMatchObject({ first: "2028-02-01", last: "2028-02-29", days: 29, prev: "2028-01", next: "2028-03" });
    expect(monthInfo("2026-12")).toMatchObject({ next: "2027-01" });
    expect(weekdayOf("2026-11-23")).toBe(0); // a Monday
    expect(weekdayOf("2026-11-29")).toBe(6);
  });

  it("pays a rung on the day the streak reaches it, and tells the next one", () => {
    const ladder = [
      { days: 30, ruleKey: "checkin.streak30" },
      { days: 7, ruleKey: "checkin.streak7" },
    ];
    expect(bonusesReachedAt(ladder, 7)).toEqual([{ days: 7, ruleKey: "checkin.streak7" }]);
    expect(bonusesReachedAt(ladder, 8)).toEqual([]);
    expect(nextBonus(ladder, 4)).toEqual({ days: 7, ruleKey: "checkin.streak7", inDays: 3 });
    expect(nextBonus(ladder, 7)).toEqual({ days: 30, ruleKey: "checkin.streak30", inDays: 23 });
    expect(nextBonus(ladder, 30)).toBeNull();
    expect([6, 7, 14, 15].map((s) => earnsMakeupCard(s, 7))).toEqual([false, true, true, false]);
    expect(earnsMakeupCard(7, 0)).toBe(false);
  });

  it("allows a make-up only for a missed day inside the window, after joining", () => {
    const base = { today: "2026-03-10", joinedOn: "2026-03-01", windowDays: 7, checkedIn: false };
    expect(makeupRefusal({ ...base, date: "2026-03-09" })).toBeNull();
    expect(makeupRefusal({ ...base, date: "2026-03-03" })).toBeNull();
    expect(makeupRefusal({ ...base, date: "2026-03-02" })).toBe("tooOld");
    expect(makeupRefusal({ ...base, date: "2026-03-10" })).toBe("today");
    expect(makeupRefusal({ ...base, date: "2026-03-11" })).toBe("future");
    expect(makeupRefusal({ ...base, date: "2026-03-05", joinedOn: "2026-03-06" })).toBe("beforeJoined");
    expect(makeupRefusal({ ...base, date: "2026-03-09", checkedIn: true })).toBe("checkedIn");
  });

  it("renumbers the days after a fill up to the next gap", () => {
    const later = [
      { date: "2026-03-05", streak: 1 },
      { date: "2026-03-06", streak: 2 },
      { date: "2026-03-08", streak: 1 },
    ];
    expect(streaksAfterFill({ date: "2026-03-04", streak: 4 }, later)).toEqual({
      changed: [
        { date: "2026-03-05", from: 1, to: 5 },
        { date: "2026-03-06", from: 2, to: 6 },
      ],
      runEnd: 6,
    });
    expect(streaksAfterFill({ date: "2026-03-07", streak: 1 }, later)).toEqual({ changed: [{ date: "2026-03-08", from: 1, to: 2 }], runEnd: 2 });
    expect(streaksAfterFill({ date: "2026-03-10", streak: 3 }, [])).toEqual({ changed: [], runEnd: 3 });
  });
});
