/*
 * The signs explorer (docs/signs.md, made by macros/signs.py): search as you type, in the
 * policy's words or everyday ones (each sign's data-words), filter by the policy's lists, and
 * tick the signs you have noticed to get a summary for the DSL.
 *
 * Each sign is listed once, however many lists it is in (data-kinds, data-clauses). Without
 * JavaScript the page lists every sign. Nothing typed or ticked is stored or sent: it lives in
 * the page until the reader leaves it. The summary lists signs; it never scores.
 */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().replace(/[‘’']/g, "'").replace(/\s+/g, " ").trim();
  }

  function longDate(day) {
    // "28 November 2026": the GOV.UK date style, as on the rest of the site.
    return day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function list(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function init() {
    var tools = document.querySelector("[data-signs-tools]");
    var summary = document.getElementById("signs-summary");
    if (!tools || !summary) return;
    var search = document.getElementById("signs-search");
    var count = document.getElementById("signs-count");
    var none = tools.querySelector(".signs-tools__none");
    var filters = list('input[name="signs-list"]', tools);
    var groups = list(".signs-group");
    var signs = list("li.sign");
    var bar = document.querySelector(".signs-bar");
    var barLink = bar.querySelector("a");
    var searchable = signs.map(function (sign) {
      return normalise(sign.querySelector(".sign__text").textContent + " " + sign.getAttribute("data-words"));
    });

    function update() {
      var query = normalise(search.value);
      var kinds = filters.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var shown = 0;
      signs.forEach(function (sign, index) {
        var inKinds = sign.getAttribute("data-kinds").split(" ").some(function (kind) { return kinds.indexOf(kind) >= 0; });
        var visible = inKinds && searchable[index].indexOf(query) >= 0;
        sign.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.sign:not([hidden])");
      });
      count.textContent = shown === signs.length ? "Showing all " + shown + " signs" : "Showing " + shown + " of " + signs.length + " signs";
      none.hidden = shown > 0 || !query;
      none.querySelector(".signs-tools__query").textContent = search.value.trim();
    }

    function summarise() {
      var items = summary.querySelector(".signs-summary__list");
      var ticked = signs.filter(function (sign) { return sign.querySelector(".sign__tick").checked; });
      items.replaceChildren.apply(items, ticked.map(function (sign) {
        var item = document.createElement("li");
        item.textContent = sign.querySelector(".sign__text").textContent + " (" +
          sign.getAttribute("data-clauses").split(" ").join(", ") + ")";
        return item;
      }));
      summary.querySelector(".signs-summary__date").textContent = "Noted on " + longDate(new Date());
      summary.hidden = ticked.length === 0;
      bar.hidden = summary.hidden;
      barLink.textContent = ticked.length + " ticked: see the summary";
    }

    search.addEventListener("input", update);
    filters.forEach(function (box) { box.addEventListener("change", update); });
    list(".sign__tick").forEach(function (box) { box.addEventListener("change", summarise); });
    summary.querySelector("[data-signs-print]").addEventListener("click", function () {
      // Print only the summary: the class is removed again once the print dialog closes.
      document.documentElement.classList.add("printing-signs-summary");
      window.print();
      document.documentElement.classList.remove("printing-signs-summary");
    });
    update();
  }

  init();
})();
