// The self-check's scoring (overrides/assets/javascripts/selfcheck.js), without a page.
// tests/test_training_browser.py answers the real questions in Chromium.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const { tally } = require("../../overrides/assets/javascripts/selfcheck.js");

test("the score counts the questions answered right, out of them all", () => {
  const scores = tally([true, false, true], 3);
  assert.deepEqual([scores.right, scores.total], [2, 3]);
  assert.equal(scores.score, "You answered 2 of 3 questions correctly.");
  assert.equal(scores.record, "All 3 questions answered; 2 correct.");
});

test("none right, and all right", () => {
  assert.equal(tally([false, false], 2).score, "You answered 0 of 2 questions correctly.");
  assert.equal(tally([true, true], 2).record, "All 2 questions answered; 2 correct.");
});

test("a question started again and not yet answered is not counted right", () => {
  const results = [true];
  results[2] = true; // the second has no answer yet
  assert.equal(tally(results, 3).right, 2);
  assert.equal(tally([], 3).right, 0);
});
