/*
 * What our scripts share. The first part of site.js (macros/assets.py), so it has run on every
 * page before the page's own scripts, which find it as `policySite`; under Node (the unit tests,
 * tests/js/) it is the module's exports.
 *
 * A page's scripts read what the build wrote into data attributes. One bad attribute (a build
 * mistake, a page saved and edited by hand) must stop only the thing it describes: readJson and
 * each report the mistake on the console, where the tests look, and the rest of the page works.
 */
(function (helpers) {
  "use strict";

  /* An element with its attributes and text: no markup is ever built from strings. */
  helpers.el = function (tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  };

  /* The elements a selector finds in root (the document), as an array. */
  helpers.list = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };

  /* A visually hidden live region: what a script says to screen readers as the page changes. */
  helpers.announcer = function (id) {
    return helpers.el("div", { id: id, class: "visually-hidden", "aria-live": "polite" });
  };

  /* "28 November 2026": the GOV.UK date style, as on the rest of the site. */
  helpers.longDate = function (day) {
    return day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  };

  /* Prints one part of the page alone (a summary, a record): the stylesheet prints only that part
     while <html> has the class, which is removed once the print dialog closes. */
  helpers.printOnly = function (className) {
    document.documentElement.classList.add(className);
    window.print();
    document.documentElement.classList.remove(className);
  };

  function report(problem, element) {
    console.error("policySite: " + problem, element);
  }

  /* The JSON in an element's data attribute, or null if it has none; null too, reported, if it
     is not JSON. */
  helpers.readJson = function (element, name) {
    try {
      return JSON.parse(element.getAttribute(name));
    } catch (error) {
      report(name + " is not JSON (" + error.message + ")", element);
      return null;
    }
  };

  /* work(item) for each item; one that fails is reported and left as the build wrote it, and
     the others still run. */
  helpers.each = function (items, work) {
    Array.prototype.forEach.call(items, function (item) {
      try {
        work(item);
      } catch (error) {
        report(error && error.message, item);
      }
    });
  };
})(typeof module === "object" ? module.exports : (window.policySite = {}));
