/*
 * The self-check (docs/training/self-check.md, made by macros/training.py): one question at a
 * time, feedback with the clause links as soon as an answer is checked, a summary at the end and
 * a printable "self-check completed" record.
 *
 * Without JavaScript the page lists every question with its answer behind a <details>. The
 * answers live only in this page's memory: nothing is stored or sent, and leaving the page
 * forgets them.
 *
 * The scoring (tally) needs no page: tests/js/selfcheck.test.js runs it under Node.
 */
(function () {
  "use strict";
  var helpers = typeof module === "object" ? require("./helpers.js") : window.policySite;

  /* The scores: results[i] is true for a question answered right, false for one answered
     wrong (a question not yet answered has none). */
  function tally(results, total) {
    var right = results.filter(function (result) { return result === true; }).length;
    return {
      right: right,
      total: total,
      score: "You answered " + right + " of " + total + " questions correctly.",
      record: "All " + total + " questions answered; " + right + " correct.",
    };
  }

  if (typeof module === "object") {
    module.exports = { tally: tally };
    return;
  }

  // --- the page ---------------------------------------------------------------------------------

  var el = helpers.el;
  var state = null; // {questions, results, index, summary, record, status} while on the page

  /* The question as a form: its options become radio buttons, and a place for the feedback. */
  function buildForm(section, number) {
    var options = helpers.list(".selfcheck__options li", section);
    var name = "answer-" + number;
    var fieldset = el("fieldset", { class: "selfcheck__fieldset" });
    fieldset.append(el("legend", { class: "selfcheck__legend" }, section.querySelector(".selfcheck__text").textContent));
    // The error a reader sees (and a screen reader hears) when checking without an answer.
    var error = el("p", { class: "selfcheck__error", id: name + "-error", hidden: "" });
    fieldset.append(error);
    options.forEach(function (option, i) {
      var id = name + "-" + i;
      var row = el("div", { class: "selfcheck__option" });
      var input = el("input", { type: "radio", name: name, id: id, value: String(i) });
      if (option.hasAttribute("data-correct")) input.setAttribute("data-correct", "");
      row.append(input, el("label", { for: id }, option.textContent));
      fieldset.append(row);
    });
    var form = el("form", { class: "selfcheck__form", novalidate: "" });
    var check = el("button", { type: "submit", class: "training-button training-button--primary" }, "Check my answer");
    var result = el("div", { class: "selfcheck__result", tabindex: "-1", hidden: "" });
    var row = el("p", {});
    row.append(check);
    form.append(fieldset, row, result);
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // the form is never sent: it only shows the feedback
      checkAnswer(section, form);
    });
    section.querySelector(".selfcheck__text").hidden = true;
    section.querySelector(".selfcheck__options").hidden = true;
    section.querySelector("details").hidden = true;
    section.append(form);
  }

  function checkAnswer(section, form) {
    var chosen = form.querySelector("input:checked");
    var error = form.querySelector(".selfcheck__error");
    var fieldset = form.querySelector("fieldset");
    if (!chosen) {
      // GOV.UK's error message pattern: visible beside the question, linked to it, then focus.
      error.replaceChildren(el("span", { class: "visually-hidden" }, "Error: "), "Choose an answer first.");
      error.hidden = false;
      fieldset.classList.add("selfcheck__fieldset--error");
      fieldset.setAttribute("aria-describedby", error.id);
      state.status.textContent = "Choose an answer first.";
      form.querySelector("input").focus();
      return;
    }
    error.hidden = true;
    fieldset.classList.remove("selfcheck__fieldset--error");
    fieldset.removeAttribute("aria-describedby");
    var correct = chosen.hasAttribute("data-correct");
    var last = state.index === state.questions.length - 1;
    state.results[state.index] = correct;
    form.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    form.querySelector("button[type=submit]").hidden = true;

    var result = form.querySelector(".selfcheck__result");
    var verdict = el("p", { class: "selfcheck__verdict" });
    verdict.append(el("strong", {}, correct ? "Correct." : "Not quite."));
    if (!correct) {
      verdict.append(" The answer is: " + section.querySelector(".selfcheck__options [data-correct]").textContent);
    }
    var next = el("button", { type: "button", class: "training-button training-button--primary" },
      last ? "See your summary" : "Next question");
    next.addEventListener("click", function () {
      if (last) showSummary();
      else showQuestion(state.index + 1);
    });
    var nextRow = el("p");
    nextRow.append(next);
    result.className = "selfcheck__result selfcheck__result--" + (correct ? "correct" : "incorrect");
    result.replaceChildren(verdict, section.querySelector("details .selfcheck__feedback").cloneNode(true), nextRow);
    result.hidden = false;
    result.focus(); // a screen reader reads the verdict and the feedback from here
  }

  function showQuestion(index) {
    state.index = index;
    state.questions.forEach(function (section, i) { section.hidden = i !== index; });
    state.summary.hidden = true;
    state.record.hidden = true;
    var heading = state.questions[index].querySelector("h2");
    heading.focus();
    state.status.textContent = heading.textContent;
  }

  function showSummary() {
    var scores = tally(state.results, state.questions.length);
    var list = state.summary.querySelector(".selfcheck-summary__list");
    list.replaceChildren.apply(list, state.questions.map(function (section, i) {
      var item = el("li", { class: state.results[i] ? "selfcheck-summary__right" : "selfcheck-summary__wrong" });
      item.append(el("strong", {}, state.results[i] ? "Correct: " : "Not quite: "),
        section.querySelector(".selfcheck__text").textContent + " ");
      // The clause links, from the answer's own feedback.
      section.querySelectorAll("details .selfcheck__feedback a").forEach(function (link, n) {
        item.append(n ? ", " : "(", link.cloneNode(true));
      });
      item.append(")");
      return item;
    }));
    state.summary.querySelector(".selfcheck-summary__score").textContent = scores.score;
    state.record.querySelector("[data-selfcheck-date]").textContent = helpers.longDate(new Date());
    state.record.querySelector("[data-selfcheck-result]").textContent = scores.record;
    state.questions.forEach(function (section) { section.hidden = true; });
    state.summary.hidden = false;
    state.record.hidden = false;
    state.summary.querySelector("h2").focus();
    state.status.textContent = "Your summary. " + scores.score;
  }

  function start() {
    state.results = [];
    state.questions.forEach(function (section, i) {
      var old = section.querySelector(".selfcheck__form");
      if (old) old.remove();
      buildForm(section, i + 1);
    });
  }

  function init() {
    var container = document.querySelector("[data-selfcheck]");
    var summary = document.getElementById("selfcheck-summary");
    var record = document.getElementById("selfcheck-record");
    state = null;
    if (!container || !summary || !record) return;
    state = {
      questions: helpers.list("[data-question]", container),
      results: [],
      index: 0,
      summary: summary,
      record: record,
      status: helpers.announcer("selfcheck-status"),
    };
    container.before(state.status);
    container.classList.add("selfcheck--one-at-a-time");
    summary.querySelector("[data-selfcheck-print]").addEventListener("click", function () {
      helpers.printOnly("printing-selfcheck-record");
    });
    summary.querySelector("[data-selfcheck-restart]").addEventListener("click", function () {
      start();
      showQuestion(0);
    });
    start();
    state.questions.forEach(function (section, i) { section.hidden = i !== 0; });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else init();
})();
