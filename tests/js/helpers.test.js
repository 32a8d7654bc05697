// The shared helpers (overrides/assets/javascripts/helpers.js) that need no page: a data
// attribute that cannot be read stops only what it describes, and says so on the console.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const helpers = require("../../overrides/assets/javascripts/helpers.js");

const element = (value) => ({ getAttribute: () => value });

function reported(work) {
  const said = [];
  const real = console.error;
  console.error = (...args) => said.push(args);
  try {
    return { result: work(), said };
  } finally {
    console.error = real;
  }
}

test("a data attribute's JSON is read", () => {
  assert.deepEqual(helpers.readJson(element('{"2030-12-25":"Christmas Day"}'), "data-bank-holidays"),
    { "2030-12-25": "Christmas Day" });
  assert.equal(helpers.readJson(element(null), "data-hours"), null, "no attribute: nothing to read");
});

test("an attribute that is not JSON is null, and reported by name", () => {
  const { result, said } = reported(() => helpers.readJson(element("{not json"), "data-hours"));
  assert.equal(result, null);
  assert.equal(said.length, 1);
  assert.match(said[0][0], /data-hours is not JSON/);
});

test("one item that fails is reported, and the others are still done", () => {
  const done = [];
  const { said } = reported(() => helpers.each(["a", "bad", "c"], (item) => {
    if (item === "bad") throw new Error("cannot read it");
    done.push(item);
  }));
  assert.deepEqual(done, ["a", "c"]);
  assert.equal(said.length, 1);
  assert.match(said[0][0], /cannot read it/);
  assert.equal(said[0][1], "bad", "the item is named with the report");
});
