/*
 * The signs explorer (docs/signs.md, made by macros/signs.py): search as you type, filter by
 * the policy's lists, and tick the signs you have noticed to get a summary for the DSL.
 *
 * Without JavaScript the page lists every sign. Nothing typed or ticked is stored or sent:
 * it lives in the page until the reader leaves it. The summary lists signs; it never scores.
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

  function init() {
    var tools = document.querySelector("[data-signs-tools]");
    var summary = document.getElementById("signs-summary");
    if (!tools || !summary) return;
    var search = document.getElementById("signs-search");
    var count = document.getElementById("signs-count");
    var filters = Array.prototype.slice.call(tools.querySelectorAll('input[name="signs-list"]'));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".signs-group"));
    var signs = Array.prototype.slice.call(document.querySelectorAll("li.sign"));
    var summaryLink = tools.querySelector(".signs-tools__summary-link");

    tools.hidden = false;
    document.querySelectorAll(".sign__tick-label").forEach(function (label) {
      label.hidden = false;
    });

    function update() {
      var query = normalise(search.value);
      var kinds = filters.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var shown = 0;
      signs.forEach(function (sign) {
        var text = normalise(sign.querySelector(".sign__text").textContent);
        var visible = kinds.indexOf(sign.getAttribute("data-kind")) >= 0 && text.indexOf(query) >= 0;
        sign.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.sign:not([hidden])");
      });
      count.textContent = shown === signs.length ? "Showing all " + shown + " signs" : "Showing " + shown + " of " + signs.length + " signs";
    }

    function summarise() {
      var list = summary.querySelector(".signs-summary__list");
      var ticked = signs.filter(function (sign) { return sign.querySelector(".sign__tick").checked; });
      list.replaceChildren.apply(list, ticked.map(function (sign) {
        var clauses = Array.prototype.map.call(sign.querySelectorAll(".sign__lists a"), function (link) {
          return link.textContent.split(" ")[0];
        });
        var item = document.createElement("li");
        item.textContent = sign.querySelector(".sign__text").textContent + " (" + clauses.join(", ") + ")";
        return item;
      }));
      summary.querySelector(".signs-summary__date").textContent = "Noted on " + longDate(new Date());
      summary.hidden = ticked.length === 0;
      summaryLink.hidden = summary.hidden;
      summaryLink.textContent = "See the " + ticked.length + (ticked.length === 1 ? " sign" : " signs") + " you have ticked";
    }

    search.addEventListener("input", update);
    filters.forEach(function (box) { box.addEventListener("change", update); });
    document.querySelectorAll(".sign__tick").forEach(function (box) { box.addEventListener("change", summarise); });
    summary.querySelector("[data-signs-print]").addEventListener("click", function () {
      // Print only the summary: the class is removed again once the print dialog closes.
      document.documentElement.classList.add("printing-signs-summary");
      window.print();
      document.documentElement.classList.remove("printing-signs-summary");
    });
    update();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else init();
})();
