// The navigator's walk (overrides/assets/javascripts/navigator.js), without a page: which screen
// the history or the address names, and how deep in the walk it is. tests/test_navigator.py walks
// every path in Chromium.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const nav = require("../../overrides/assets/javascripts/navigator.js");

const SCREENS = { "what-happened": "a question", "immediate-danger": "an outcome" };
const isScreen = (id) => Boolean(nav.screenIn(SCREENS, id));

test("the history's entry names the screen and its depth", () => {
  assert.deepEqual(nav.walkFrom({ nav: "immediate-danger", depth: 3 }, "#nav=immediate-danger", isScreen),
    { nav: "immediate-danger", depth: 3, fromAddress: false });
  assert.equal(nav.walkFrom({ nav: "what-happened" }, "", isScreen).depth, 1);
});

test("an address alone (a bookmark, a shared link) starts the walk at its screen", () => {
  assert.deepEqual(nav.walkFrom(null, "#nav=immediate-danger", isScreen),
    { nav: "immediate-danger", depth: 1, fromAddress: true });
  assert.deepEqual(nav.walkFrom({ other: "state" }, "#nav=what-happened", isScreen),
    { nav: "what-happened", depth: 1, fromAddress: true });
});

test("an entry or address naming no screen names no walk", () => {
  for (const hash of ["", "#nav=", "#nav=nowhere", "#nav=Immediate-Danger", "#clause-11-5", "#nav=a b"]) {
    assert.equal(nav.walkFrom(null, hash, isScreen), null, hash);
  }
  assert.equal(nav.walkFrom({ nav: "nowhere", depth: 2 }, "", isScreen), null);
  assert.equal(nav.walkFrom({ nav: 7 }, "", isScreen), null);
});

test("ids are the data's: none reaches the screens' own properties", () => {
  for (const id of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    assert.equal(nav.screenIn(SCREENS, id), null, id);
    assert.equal(nav.screenIn(Object.create(null), id), null, id);
  }
});

test("each screen names itself in the tab, ending with the site's name as the page did", () => {
  assert.equal(nav.titleFor("What to do now - A school", "Is anyone in danger?"), "Is anyone in danger? - A school");
  assert.equal(nav.titleFor("Home - A school - B", "Q"), "Q - B", "the site's name follows the last dash");
  assert.equal(nav.titleFor("A school", "Q"), "Q - A school");
});

test("an answer counts only once the screen has settled", () => {
  assert.equal(nav.settled(1000 + nav.SETTLE_MS - 1, 1000), false);
  assert.equal(nav.settled(1000 + nav.SETTLE_MS, 1000), true);
});

test("the hub's links work from another page: within the site by path, elsewhere as they are", () => {
  const hub = "https://example.org/site/what-to-do/";
  assert.equal(nav.linkFromHub("immediate-danger/", hub, "https://example.org"), "/site/what-to-do/immediate-danger/");
  assert.equal(nav.linkFromHub("../contacts/#contact-dsl", hub, "https://example.org"), "/site/contacts/#contact-dsl");
  assert.equal(nav.linkFromHub("tel:999", hub, "https://example.org"), "tel:999");
  assert.equal(nav.linkFromHub("https://www.gov.uk/x", hub, "https://example.org"), "https://www.gov.uk/x");
});
