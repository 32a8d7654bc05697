/*
 * The signs explorer (docs/signs.md, made by macros/signs.py): search as you type, in the
 * policy's words (each sign's text in every list it is in, and the lists' names: data-policy)
 * or everyday ones (data-words), filter by the policy's lists, and tick the signs you have
 * noticed to get a summary for the DSL.
 *
 * Search is by words, not by phrase: a sign matches when every meaningful word of the query
 * (its stem: "weapons" is "weapon", "injuries" "injury", "knives" "knif") begins a word of the
 * sign's, or the other way round. Matches are ranked: the policy's words before everyday ones.
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

  // Words that say nothing about a sign ("went missing" is "missing"; "a young person carrying
  // knives" is "carrying knives").
  var STOP_WORDS = ("a an the and or of to in on at for with by from as is are was were be been being " +
    "has have had do does did get gets got getting went gone go keeps keep seems seem very lot lots " +
    "about their them they he she his her him my me i it its this that some who what when " +
    "young person people child children kid kids pupil student").split(" ");

  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    if (word.length > 4 && /ves$/.test(word)) return word.slice(0, -3) + "f";
    if (word.length > 4 && /(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
    if (word.length > 5 && /ing$/.test(word)) return word.slice(0, -3);
    if (word.length > 4 && /ed$/.test(word)) return word.slice(0, -2);
    if (word.length > 3 && /s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function stems(text) {
    return normalise(text).split(/[^a-z0-9']+/).map(function (word) { return word.replace(/'/g, ""); })
      .filter(function (word) { return word && STOP_WORDS.indexOf(word) < 0; }).map(stem);
  }

  /* A query's word matches a sign's word that begins with it (carry, carrying), or one of four
     letters or more that it begins with (knif of "knives", knife). */
  function matches(queryWord, words) {
    return words.some(function (word) {
      return word.indexOf(queryWord) === 0 || (word.length >= 4 && queryWord.indexOf(word) === 0);
    });
  }

  /* How well a sign matches: 0 unless every query word matches; 2 for each word found in the
     policy's words, 1 for each found only in the everyday ones; 1 more for the whole query as a
     phrase in the sign's text. */
  function score(query, words, sign) {
    var total = 0;
    for (var i = 0; i < words.length; i += 1) {
      if (matches(words[i], sign.policy)) total += 2;
      else if (matches(words[i], sign.everyday)) total += 1;
      else return 0;
    }
    return total + (sign.text.indexOf(query) >= 0 ? 1 : 0);
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
      var text = sign.querySelector(".sign__text").textContent;
      return { text: normalise(text), policy: stems(text + " " + sign.getAttribute("data-policy")),
        everyday: stems(sign.getAttribute("data-words")) };
    });
    // Where each group and sign stands in the page: results are ranked, and put back when cleared.
    var groupsAfter = groups.length ? groups[0].previousElementSibling : null;
    var signOrder = signs.map(function (sign) { return sign.parentNode; });

    /* Best first: the groups by their best match, the signs in each by theirs; the policy's order
       where they are equal, and with no query. */
    function rank(scores) {
      var best = function (group) {
        return Math.max.apply(null, [0].concat(signs.map(function (sign, index) {
          return group.contains(sign) ? scores[index] : 0;
        })));
      };
      var order = groups.map(function (group, index) { return { group: group, best: best(group), index: index }; });
      order.sort(function (a, b) { return b.best - a.best || a.index - b.index; });
      var after = groupsAfter;
      order.forEach(function (entry) {
        if (after) after.after(entry.group);
        after = entry.group;
      });
      signOrder.forEach(function (list) {
        var items = signs.map(function (sign, index) { return { sign: sign, score: scores[index], index: index }; })
          .filter(function (item) { return item.sign.parentNode === list; });
        items.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
        items.forEach(function (item) { list.appendChild(item.sign); });
      });
    }

    function update() {
      var query = normalise(search.value);
      var words = stems(query);
      var kinds = filters.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var shown = 0;
      var scores = signs.map(function (sign, index) {
        var inKinds = sign.getAttribute("data-kinds").split(" ").some(function (kind) { return kinds.indexOf(kind) >= 0; });
        var found = words.length ? score(query, words, searchable[index]) : 1;
        var visible = inKinds && found > 0;
        sign.hidden = !visible;
        if (visible) shown += 1;
        return visible ? found : 0;
      });
      rank(words.length ? scores : signs.map(function () { return 0; }));
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.sign:not([hidden])");
      });
      count.textContent = shown === signs.length ? "Showing all " + shown + " signs" :
        "Showing " + shown + " of " + signs.length + " signs" + (words.length && shown > 1 ? ", best matches first" : "");
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
