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
 *
 * The matcher (words, stems, ranking) needs no page: tests/js/signs.test.js runs it under Node.
 */
(function () {
  "use strict";
  var helpers = typeof module === "object" ? require("./helpers.js") : window.policySite;

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

  /* What a sign is searched by: its text, in the policy's words (its text and its lists' names)
     and in everyday ones. */
  function searchable(text, policyWords, everydayWords) {
    return { text: normalise(text), policy: stems(text + " " + policyWords), everyday: stems(everydayWords) };
  }

  /* A query's word matches a sign's word that begins with it (carry, carrying), or one of four
     letters or more that it begins with (knif of "knives", knife). */
  function matches(queryWord, words) {
    return words.some(function (word) {
      return word.indexOf(queryWord) === 0 || (word.length >= 4 && queryWord.indexOf(word) === 0);
    });
  }

  /* How well a sign matches a query: 0 unless every query word matches; 2 for each word found in
     the policy's words, 1 for each found only in the everyday ones; 1 more for the whole query as
     a phrase in the sign's text. */
  function score(query, sign) {
    var phrase = normalise(query);
    var words = stems(phrase);
    var total = 0;
    for (var i = 0; i < words.length; i += 1) {
      if (matches(words[i], sign.policy)) total += 2;
      else if (matches(words[i], sign.everyday)) total += 1;
      else return 0;
    }
    return total + (sign.text.indexOf(phrase) >= 0 ? 1 : 0);
  }

  /* The items, the best scored first; in their own order where the scores are equal. */
  function bestFirst(items, scores) {
    return items.map(function (item, index) { return { item: item, score: scores[index], index: index }; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .map(function (entry) { return entry.item; });
  }

  function countText(shown, total, searching) {
    return shown === total ? "Showing all " + shown + " signs" :
      "Showing " + shown + " of " + total + " signs" + (searching && shown > 1 ? ", best matches first" : "");
  }

  if (typeof module === "object") {
    module.exports = { stem: stem, stems: stems, searchable: searchable, score: score, bestFirst: bestFirst,
      countText: countText };
    return;
  }

  // --- the page ---------------------------------------------------------------------------------

  function wordsOf(element, name) {
    return (element.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  function init() {
    var tools = document.querySelector("[data-signs-tools]");
    var summary = document.getElementById("signs-summary");
    if (!tools || !summary) return;
    var search = document.getElementById("signs-search");
    var count = document.getElementById("signs-count");
    var none = tools.querySelector(".signs-tools__none");
    var filters = helpers.list('input[name="signs-list"]', tools);
    var groups = helpers.list(".signs-group");
    var signs = helpers.list("li.sign");
    var bar = document.querySelector(".signs-bar");
    var barLink = bar.querySelector("a");
    var searchBy = signs.map(function (sign) {
      return searchable(sign.querySelector(".sign__text").textContent, sign.getAttribute("data-policy") || "",
        sign.getAttribute("data-words") || "");
    });
    // Where each group and sign stands in the page: results are ranked, and put back when cleared.
    var groupsAfter = groups.length ? groups[0].previousElementSibling : null;
    var signLists = signs.map(function (sign) { return sign.parentNode; })
      .filter(function (parent, index, all) { return all.indexOf(parent) === index; });

    /* Best first: the groups by their best match, the signs in each by theirs; the policy's order
       where they are equal, and with no query. */
    function rank(scores) {
      var groupScores = groups.map(function (group) {
        return Math.max.apply(null, [0].concat(signs.map(function (sign, index) {
          return group.contains(sign) ? scores[index] : 0;
        })));
      });
      var after = groupsAfter;
      bestFirst(groups, groupScores).forEach(function (group) {
        if (after) after.after(group);
        after = group;
      });
      signLists.forEach(function (signList) {
        var inList = signs.filter(function (sign) { return sign.parentNode === signList; });
        var inListScores = inList.map(function (sign) { return scores[signs.indexOf(sign)]; });
        bestFirst(inList, inListScores).forEach(function (sign) { signList.appendChild(sign); });
      });
    }

    function update() {
      var searching = stems(search.value).length > 0;
      var kinds = filters.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var shown = 0;
      var scores = signs.map(function (sign, index) {
        var inKinds = wordsOf(sign, "data-kinds").some(function (kind) { return kinds.indexOf(kind) >= 0; });
        var found = searching ? score(search.value, searchBy[index]) : 1;
        var visible = inKinds && found > 0;
        sign.hidden = !visible;
        if (visible) shown += 1;
        return visible ? found : 0;
      });
      rank(searching ? scores : signs.map(function () { return 0; }));
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.sign:not([hidden])");
      });
      count.textContent = countText(shown, signs.length, searching);
      none.hidden = shown > 0 || !normalise(search.value);
      none.querySelector(".signs-tools__query").textContent = search.value.trim();
    }

    function summarise() {
      var items = summary.querySelector(".signs-summary__list");
      var ticked = signs.filter(function (sign) { return sign.querySelector(".sign__tick").checked; });
      items.replaceChildren.apply(items, ticked.map(function (sign) {
        return helpers.el("li", {}, sign.querySelector(".sign__text").textContent + " (" +
          wordsOf(sign, "data-clauses").join(", ") + ")");
      }));
      summary.querySelector(".signs-summary__date").textContent = "Noted on " + helpers.longDate(new Date());
      summary.hidden = ticked.length === 0;
      bar.hidden = summary.hidden;
      barLink.textContent = ticked.length + " ticked: see the summary";
    }

    search.addEventListener("input", update);
    filters.forEach(function (box) { box.addEventListener("change", update); });
    helpers.list(".sign__tick").forEach(function (box) { box.addEventListener("change", summarise); });
    summary.querySelector("[data-signs-print]").addEventListener("click", function () {
      helpers.printOnly("printing-signs-summary");
    });
    update();
  }

  init();
})();
