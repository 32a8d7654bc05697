/*
 * The trainer view (docs/training/scenarios.md, made by macros/training.py): one scenario per
 * screen, for a projector.
 *
 * Without JavaScript the page lists every scenario, each outcome behind a <details>. With it:
 * Previous/Next and the arrow keys (Page Up/Page Down for presentation clickers) move between
 * scenarios, and Reveal or the R key opens the same <details>. The keys work while the trainer
 * view has focus, or in presentation mode ("Present": the scenario fills the screen, without the
 * site around it; Escape leaves). The only state is the scenario shown, kept in the address
 * (#scenario-<id>) so that a reload stays on it; nothing is stored or sent.
 */
(function () {
  "use strict";

  var view = null; // {scenarios, index, position, previous, next, reveal, status} while on the page

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function details() {
    return view.scenarios[view.index].querySelector("details");
  }

  function updateReveal() {
    var open = details().open;
    view.reveal.textContent = open ? "Hide the outcome" : "Reveal the outcome";
    view.reveal.setAttribute("aria-expanded", String(open));
    view.reveal.setAttribute("aria-controls", details().id);
  }

  function show(index, moveFocus) {
    var scenario = view.scenarios[index];
    var heading = scenario.querySelector("h2");
    view.index = index;
    view.scenarios.forEach(function (each, i) { each.hidden = i !== index; });
    view.position.textContent = (index + 1) + " of " + view.scenarios.length;
    view.previous.disabled = index === 0;
    view.next.disabled = index === view.scenarios.length - 1;
    updateReveal();
    if (moveFocus) {
      // Replace, not push: Back leaves the page. Not on load: Material would scroll to it.
      history.replaceState(null, "", "#" + scenario.id);
      heading.focus();
      view.status.textContent = heading.textContent + " (" + view.position.textContent + ")";
    }
  }

  function move(step) {
    var index = view.index + step;
    if (index >= 0 && index < view.scenarios.length) show(index, true);
  }

  function toggleReveal() {
    var panel = details();
    panel.open = !panel.open; // the toggle event updates the button
    var outcome = panel.querySelector(".scenario__outcome");
    view.status.textContent = panel.open ? outcome.textContent : "Outcome hidden";
    if (panel.open) panel.scrollIntoView({ block: "nearest" });
  }

  function setPresenting(on) {
    view.presenting = on;
    document.documentElement.classList.toggle("trainer-presenting", on);
    view.present.textContent = on ? "Leave presentation (Esc)" : "Present";
    view.present.setAttribute("aria-pressed", String(on));
    view.scenarios[view.index].querySelector("h2").focus();
  }

  function hasFocus() {
    var active = document.activeElement;
    return view.presenting || view.container.contains(active) || view.controls.contains(active);
  }

  function onKey(event) {
    if (!view || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "Escape" && view.presenting) return setPresenting(false);
    // The arrow keys belong to the page (scrolling) unless the trainer view is in use.
    if (!hasFocus()) return;
    var actions = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key in actions) move(actions[event.key]);
    else if (event.key === "r" || event.key === "R") toggleReveal();
    else return;
    event.preventDefault();
  }

  function init() {
    var container = document.querySelector("[data-trainer]");
    view = null;
    if (!container) return;
    var scenarios = Array.prototype.slice.call(container.querySelectorAll("[data-scenario]"));
    if (!scenarios.length) return;
    view = {
      scenarios: scenarios,
      index: 0,
      previous: el("button", { type: "button", class: "training-button", "data-trainer-previous": "" }, "Previous"),
      position: el("span", { class: "trainer__position" }),
      reveal: el("button", { type: "button", class: "training-button training-button--primary", "data-trainer-reveal": "" }),
      next: el("button", { type: "button", class: "training-button", "data-trainer-next": "" }, "Next"),
      present: el("button", { type: "button", class: "training-button", "data-trainer-present": "", "aria-pressed": "false" },
        "Present"),
      status: el("div", { id: "trainer-status", class: "visually-hidden", "aria-live": "polite" }),
      container: container,
      presenting: false,
    };
    var controls = el("div", { class: "trainer__controls", role: "group", "aria-label": "Scenarios" });
    view.controls = controls;
    controls.append(view.previous, view.position, view.reveal, view.next, view.present);
    container.before(controls, view.status);
    container.classList.add("trainer--one-at-a-time");
    view.previous.addEventListener("click", function () { move(-1); });
    view.next.addEventListener("click", function () { move(1); });
    view.reveal.addEventListener("click", toggleReveal);
    view.present.addEventListener("click", function () { setPresenting(!view.presenting); });
    scenarios.forEach(function (scenario) {
      scenario.querySelector("details").addEventListener("toggle", function () {
        if (view && view.scenarios[view.index] === scenario) updateReveal();
      });
    });
    var linked = scenarios.filter(function (s) { return "#" + s.id === location.hash; })[0];
    show(linked ? scenarios.indexOf(linked) : 0, false);
  }

  document.addEventListener("keydown", onKey);
  init();
})();
