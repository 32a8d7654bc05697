// The signs explorer's matcher (overrides/assets/javascripts/signs.js), without a page: words,
// stems and ranking. tests/test_signs.py searches the real signs in Chromium.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const signs = require("../../overrides/assets/javascripts/signs.js");

const KNIFE = signs.searchable("Carrying a knife or other weapon", "Criminal exploitation", "blade stabbing");
const MISSING = signs.searchable("Going missing from home or care", "Criminal exploitation", "runs away");

test("a word and its plural, or its -ing and -ed forms, have one stem", () => {
  const pairs = [["weapons", "weapon"], ["injuries", "injury"], ["knives", "knif"], ["boxes", "box"],
    ["carrying", "carry"], ["groomed", "groom"], ["glasses", "glass"]];
  for (const [word, stem] of pairs) assert.equal(signs.stem(word), stem, word);
  assert.equal(signs.stem("bus"), "bus", "a short word keeps its s");
  assert.equal(signs.stem("miss"), "miss", "a double s is not a plural");
});

test("the words that say nothing about a sign are left out of a query", () => {
  assert.deepEqual(signs.stems("A young person went missing"), ["miss"]);
  assert.deepEqual(signs.stems("  Carrying KNIVES "), ["carry", "knif"]);
  assert.deepEqual(signs.stems("they’re"), ["theyre"], "curly and straight apostrophes alike");
});

test("a sign matches only when every meaningful word of the query does", () => {
  assert.ok(signs.score("knives", KNIFE) > 0, "knif begins knife");
  assert.ok(signs.score("weapons", KNIFE) > 0);
  assert.ok(signs.score("carries", KNIFE) > 0, "carry begins carrying");
  assert.equal(signs.score("knife missing", KNIFE), 0);
  assert.equal(signs.score("knives", MISSING), 0);
});

test("the policy's words count twice an everyday word's, and the whole phrase one more", () => {
  assert.equal(signs.score("weapons", KNIFE), 2);
  assert.equal(signs.score("stabbed", KNIFE), 1);
  assert.equal(signs.score("criminal", KNIFE), 2, "the list's name is the policy's word too");
  assert.equal(signs.score("a knife", KNIFE), 2 + 1, "the phrase in the sign's text");
  assert.equal(signs.score("knife weapon", KNIFE), 4, "both words, not as a phrase");
});

test("ranking: the best scored first, the page's order where they are equal", () => {
  assert.deepEqual(signs.bestFirst(["a", "b", "c", "d"], [1, 3, 1, 3]), ["b", "d", "a", "c"]);
  assert.deepEqual(signs.bestFirst(["a", "b", "c"], [0, 0, 0]), ["a", "b", "c"]);
});

test("the count says how many signs are shown, and when they are ranked", () => {
  assert.equal(signs.countText(12, 12, false), "Showing all 12 signs");
  assert.equal(signs.countText(3, 12, true), "Showing 3 of 12 signs, best matches first");
  assert.equal(signs.countText(1, 12, true), "Showing 1 of 12 signs");
  assert.equal(signs.countText(5, 12, false), "Showing 5 of 12 signs", "filtered by list, not searched");
});
