// The "who to call now" decision (overrides/assets/javascripts/now.js), without a page. The
// browser tests (tests/test_team.py) check the same decision against the build's own rules on the
// real data; these check each rule on fictional lines, at moments fixed here: the function is
// given its moment, so these tests do not depend on the day they run.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const now = require("../../overrides/assets/javascripts/now.js");

const MONDAY_TO_THURSDAY = [0, 1, 2, 3];
const FRIDAY = 4;
const minutes = (hours, mins = 0) => hours * 60 + mins;

// An office line (Monday to Thursday 09:00-17:00, Friday 09:00-16:30, closed on bank holidays)
// and its out-of-hours line (every other minute, open all day on bank holidays), as
// macros/reach.py writes them for the script (data-hours).
const OFFICE = {
  name: "office line",
  hours: {
    open: [
      { days: MONDAY_TO_THURSDAY, opens: minutes(9), closes: minutes(17) },
      { days: [FRIDAY], opens: minutes(9), closes: minutes(16, 30) },
    ],
    bankHolidays: "closed",
  },
};
const OUT_OF_HOURS = {
  name: "out-of-hours line",
  hours: {
    open: [
      { days: MONDAY_TO_THURSDAY, opens: 0, closes: minutes(9) },
      { days: MONDAY_TO_THURSDAY, opens: minutes(17), closes: minutes(24) },
      { days: [FRIDAY], opens: 0, closes: minutes(9) },
      { days: [FRIDAY], opens: minutes(16, 30), closes: minutes(24) },
      { days: [5, 6], opens: 0, closes: minutes(24) },
    ],
    bankHolidays: "open all day",
  },
};
const BANK_HOLIDAYS = { "2030-04-19": "Good Friday", "2030-04-22": "Easter Monday", "2030-12-25": "Christmas Day" };
const OUT_OF_HOURS_WORDS = "Out of office hours, make this call yourself.";

function pair(options) {
  return { lines: [OFFICE, OUT_OF_HOURS], bankHolidays: BANK_HOLIDAYS, years: [2030, 2030], forReader: true,
    outOfHours: null, uncertain: null, ...options };
}

// A moment given as UK wall-clock time in winter (GMT, so UTC) or summer (BST, UTC + 1).
const gmt = (date, time) => new Date(`${date}T${time}:00Z`);
const bst = (date, time) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 3600000);

test("UK time follows the clock changes: the same as the time zone database, every half hour of two years", () => {
  const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "long", hourCycle: "h23" });
  const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  const mismatches = [];
  for (let moment = Date.UTC(2030, 0, 1); moment < Date.UTC(2032, 0, 1); moment += 30 * 60000) {
    const parts = Object.fromEntries(london.formatToParts(new Date(moment)).map((part) => [part.type, part.value]));
    const expected = { date: `${parts.year}-${parts.month}-${parts.day}`, minute: minutes(Number(parts.hour), Number(parts.minute)),
      weekday: weekdays.indexOf(parts.weekday) };
    const found = now.londonTime(new Date(moment));
    if (JSON.stringify(found) !== JSON.stringify(expected)) mismatches.push(new Date(moment).toISOString());
  }
  assert.deepEqual(mismatches, []);
});

test("the clocks change at 01:00 UTC on the last Sundays of March and October", () => {
  assert.equal(now.londonTime(new Date("2030-03-31T00:59:00Z")).minute, minutes(0, 59));
  assert.equal(now.londonTime(new Date("2030-03-31T01:00:00Z")).minute, minutes(2));
  assert.equal(now.londonTime(new Date("2030-10-27T00:59:00Z")).minute, minutes(1, 59));
  assert.equal(now.londonTime(new Date("2030-10-27T01:00:00Z")).minute, minutes(1));
});

test("a line is open from its opening minute up to, not at, its closing minute", () => {
  const wednesday = "2030-06-05";
  assert.equal(now.isOpen(OFFICE.hours, wednesday, minutes(8, 59), BANK_HOLIDAYS), false);
  assert.equal(now.isOpen(OFFICE.hours, wednesday, minutes(9), BANK_HOLIDAYS), true);
  assert.equal(now.isOpen(OFFICE.hours, wednesday, minutes(16, 59), BANK_HOLIDAYS), true);
  assert.equal(now.isOpen(OFFICE.hours, wednesday, minutes(17), BANK_HOLIDAYS), false);
  assert.equal(now.isOpen(OFFICE.hours, "2030-06-07", minutes(16, 45), BANK_HOLIDAYS), false, "Friday closes at 16:30");
});

test("on a bank holiday a line keeps to its rule for them, whatever the weekday", () => {
  assert.equal(now.isOpen(OFFICE.hours, "2030-04-22", minutes(11), BANK_HOLIDAYS), false);
  assert.equal(now.isOpen(OUT_OF_HOURS.hours, "2030-04-22", minutes(11), BANK_HOLIDAYS), true);
  const asUsual = { ...OFFICE.hours, bankHolidays: "usual hours" };
  assert.equal(now.isOpen(asUsual, "2030-04-22", minutes(11), BANK_HOLIDAYS), true);
});

test("a weekday morning: the office line, the reader's call", () => {
  const decision = now.decide(pair(), bst("2030-06-05", "10:00"));
  assert.equal(decision.open, 0);
  assert.equal(decision.readerCalls, true);
  assert.equal(decision.status, "Now (Wednesday 10:00, UK time on this device): call the office line.");
  assert.deepEqual(decision.when, [": open now", ": closed now, opens at 17:00 today"]);
});

test("a Saturday: the out-of-hours line first, and when the office opens again", () => {
  const decision = now.decide(pair(), bst("2030-06-08", "11:00"));
  assert.equal(decision.open, 1);
  assert.deepEqual(decision.when, [": closed now, opens at 09:00 on Monday", ": open now"]);
});

test("a step someone else leads is information: open now, not call", () => {
  const decision = now.decide(pair({ forReader: false }), bst("2030-06-05", "10:00"));
  assert.equal(decision.readerCalls, false);
  assert.equal(decision.status, "Now (Wednesday 10:00, UK time on this device): open now: the office line.");
});

test("out of office hours the call becomes the reader's, in the page's words", () => {
  const inHours = now.decide(pair({ forReader: false, outOfHours: OUT_OF_HOURS_WORDS }), bst("2030-06-05", "10:00"));
  assert.equal(inHours.readerCalls, false);
  assert.ok(!inHours.status.includes(OUT_OF_HOURS_WORDS));
  const night = now.decide(pair({ forReader: false, outOfHours: OUT_OF_HOURS_WORDS }), bst("2030-06-05", "23:00"));
  assert.equal(night.readerCalls, true);
  assert.equal(night.status, `Now (Wednesday 23:00, UK time on this device): call the out-of-hours line. ${OUT_OF_HOURS_WORDS}`);
});

test("a bank holiday is named, and the office opens on the next working day", () => {
  const decision = now.decide(pair(), bst("2030-04-22", "11:00"));
  assert.equal(decision.open, 1);
  assert.ok(decision.status.startsWith("Today is a bank holiday: Easter Monday. Now (Monday 11:00"), decision.status);
  assert.equal(decision.when[0], ": closed now, opens at 09:00 tomorrow");
  const goodFriday = now.decide(pair(), bst("2030-04-19", "11:00"));
  assert.equal(goodFriday.when[0], ": closed now, opens at 09:00 on Tuesday", "not on Easter Monday");
});

test("across the clock change the same UTC hour is a different UK hour", () => {
  assert.equal(now.decide(pair(), new Date("2030-04-02T08:30:00Z")).open, 0, "09:30 BST: the office");
  assert.equal(now.decide(pair(), new Date("2030-10-28T08:30:00Z")).open, 1, "08:30 GMT: out of hours");
  assert.equal(now.decide(pair(), gmt("2030-12-25", "11:00")).open, 1, "Christmas Day");
});

test("in a year whose bank holidays the page does not know, it decides nothing and says why", () => {
  const decision = now.decide(pair(), bst("2031-06-04", "10:00"));
  assert.equal(decision.open, -1);
  assert.equal(decision.status, "Now (Wednesday 10:00, UK time on this device): this page does not know the bank " +
    "holidays for 2031. Use the hours below, and if the line you call is closed, call the other.");
  assert.equal(now.decide(pair({ years: [2025, 2029] }), bst("2030-06-05", "10:00")).open, -1);
});

test("when no line or both lines are open, it offers neither", () => {
  const both = pair({ lines: [OFFICE, { name: "always", hours: { open: [{ days: [0, 1, 2, 3, 4, 5, 6], opens: 0, closes: 1440 }],
    bankHolidays: "open all day" } }] });
  const decision = now.decide(both, bst("2030-06-05", "10:00"));
  assert.equal(decision.open, -1);
  assert.match(decision.status, /use the hours below; if the line you call does not answer, call the other\.$/);
});

test("one line says whether it is open, and when it opens", () => {
  const one = pair({ lines: [OFFICE] });
  assert.match(now.decide(one, bst("2030-06-05", "10:00")).status, /: the office line is open\.$/);
  const closed = now.decide(one, bst("2030-06-05", "18:00"));
  assert.equal(closed.open, -1);
  assert.match(closed.status, /: the office line is closed\. It opens at 09:00 tomorrow\.$/);
});

test("a line whose hours are uncertain claims nothing, in the page's words", () => {
  const decision = now.decide(pair({ lines: [OFFICE], uncertain: "Its hours differ." }), bst("2030-06-05", "10:00"));
  assert.deepEqual([decision.open, decision.status], [-1, "Its hours differ."]);
});

test("a line that never opens has no next opening", () => {
  const never = { open: [], bankHolidays: "closed" };
  assert.equal(now.nextOpening(never, now.londonTime(bst("2030-06-05", "10:00")), BANK_HOLIDAYS), null);
});
