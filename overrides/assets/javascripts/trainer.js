/*
 * The trainer's views for a projector: the scenarios (docs/training/scenarios.md), the session
 * plan (docs/training/index.md) and the flowchart (docs/what-to-do/flowchart.md), each a
 * [data-trainer] container of slides ([data-slide]), made by macros/training.py and
 * macros/pathway_pages.py. Their look: present.css.
 *
 * Without JavaScript each page lists everything, a scenario's outcome behind a <details>. With it:
 * - "Present" shows one slide at a time as a 16:9 slide filling the screen (the Fullscreen API
 *   where the browser has it; otherwise the slide fills the window), without the site around
 *   it. Escape or "Leave" returns to the page.
 * - The scenarios are one at a time on the page too ([data-trainer-one-at-a-time]).
 * - A slide's parts ([data-slide-part], inside its <details>) are revealed in turn: the outcome,
 *   then the signs, then the discussion. On the page each part is added below the last; on a
 *   slide each replaces the last, beside the situation, so that a slide never scrolls.
 * - Page Down and the right arrow step forward (through the parts, then to the next slide);
 *   Page Up and the left arrow step back; R reveals the next part (or hides them all); the
 *   Previous and Next buttons move a whole slide.
 *   Presentation clickers send Page Down and Page Up. The keys work while the view has focus,
 *   or when presenting.
 * The only state is the slide and part shown; a scenario's slide is kept in the address
 * (#scenario-<id>) so that a reload stays on it. Nothing is stored or sent.
 */
(function () {
  "use strict";
  var helpers = window.policySite;
  var el = helpers.el;

  var view = null; // the page's trainer view, while on the page

  function button(name, text, primary) {
    var attributes = { type: "button", class: "training-button" + (primary ? " training-button--primary" : "") };
    attributes["data-trainer-" + name] = "";
    return el("button", attributes, text);
  }

  function words(node) {
    return node.textContent.replace(/\s+/g, " ").trim();
  }

  function slide() {
    return view.slides[view.index];
  }

  function parts(of) {
    return helpers.list("[data-slide-part]", of);
  }

  function heading(of) {
    return of.querySelector("h2, h3");
  }

  /* The page as the view's state says: which slide, and which of its parts. */
  function render() {
    var current = slide();
    var oneAtATime = view.oneAtATime || view.presenting;
    view.slides.forEach(function (each, i) { each.hidden = oneAtATime && i !== view.index; });
    var shown = parts(current);
    var reveal = shown.length ? current.querySelector("details") : null;
    if (reveal) reveal.open = view.step > 0;
    shown.forEach(function (part, i) {
      // On a slide, the part revealed last replaces the one before; on the page, they add up.
      part.hidden = view.presenting ? i !== view.step - 1 : i >= view.step;
    });
    if (view.presenting && current.hasAttribute("data-slide-fit")) fit(current);
    view.position.textContent = (view.index + 1) + " of " + view.slides.length;
    view.previous.disabled = view.index === 0;
    view.next.disabled = view.index === view.slides.length - 1;
    view.reveal.hidden = !shown.length;
    if (shown.length) {
      var next = shown[view.step];
      view.reveal.textContent = view.step === 0 ? "Reveal the outcome"
        : next ? "Show: " + words(heading(next)) : "Hide the outcome";
      view.reveal.setAttribute("aria-expanded", String(view.step > 0));
      view.reveal.setAttribute("aria-controls", reveal.id);
    }
  }

  /* A slide whose size depends on its content (a flowchart) is set as large as fits, up to
     twice its type's size (--fit, present.css). */
  function fit(of) {
    var scale = 1;
    var fits = function () { return of.scrollHeight <= of.clientHeight && of.scrollWidth <= of.clientWidth; };
    of.style.setProperty("--fit", "1");
    while (scale < 2 && fits()) {
      scale += 0.1;
      of.style.setProperty("--fit", String(scale));
    }
    if (!fits()) of.style.setProperty("--fit", String(Math.max(1, scale - 0.1)));
  }

  function say(text) {
    view.status.textContent = text;
  }

  function goTo(index, step) {
    view.index = index;
    view.step = step;
    render();
    var current = slide();
    if (current.id) history.replaceState(null, "", "#" + current.id); // replace: Back leaves the page
    var title = heading(current);
    title.focus();
    say(words(title) + " (" + view.position.textContent + ")" + (step ? ". " + words(parts(current)[step - 1]) : ""));
  }

  function showPart(step) {
    view.step = step;
    render();
    say(step ? words(parts(slide())[step - 1]) : "Outcome hidden");
  }

  /* Page Down: the next part of this slide, or else the next slide. */
  function forward() {
    if (view.step < parts(slide()).length) showPart(view.step + 1);
    else if (view.index < view.slides.length - 1) goTo(view.index + 1, 0);
  }

  /* Page Up: the part before, or else the slide before, with all its parts shown. */
  function back() {
    if (view.step > 0) showPart(view.step - 1);
    else if (view.index > 0) goTo(view.index - 1, parts(view.slides[view.index - 1]).length);
  }

  function toggleReveal() {
    showPart(view.step < parts(slide()).length ? view.step + 1 : 0);
  }

  // The Fullscreen API, or Safari's older name for it; without either, the slide fills the window.
  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function requestFullscreen() {
    var root = document.documentElement;
    var request = root.requestFullscreen || root.webkitRequestFullscreen;
    if (!request) {
      say("This browser cannot fill the screen from a page: the slides fill its window.");
      return;
    }
    var done = request.call(root);
    if (done && done.catch) done.catch(function () {
      say("The browser did not allow full screen: the slides fill its window.");
    });
  }

  function exitFullscreen() {
    var exit = document.exitFullscreen || document.webkitExitFullscreen;
    if (fullscreenElement() && exit) exit.call(document);
  }

  function updateFullscreen() {
    if (!view) return;
    var on = Boolean(fullscreenElement());
    view.fullscreen.textContent = on ? "Leave full screen" : "Full screen";
    view.fullscreen.setAttribute("aria-pressed", String(on));
  }

  function setPresenting(on) {
    view.presenting = on;
    document.documentElement.classList.toggle("trainer-presenting", on);
    view.present.textContent = on ? "Leave presentation (Esc)" : view.presentLabel;
    view.present.setAttribute("aria-pressed", String(on));
    [view.previous, view.position, view.next].forEach(function (control) {
      control.hidden = !on && !view.oneAtATime;
    });
    view.fullscreen.hidden = !on;
    if (on) requestFullscreen();
    else exitFullscreen();
    render();
    heading(slide()).focus();
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
    if (!hasFocus() || (!view.presenting && !view.oneAtATime)) return;
    if (event.key === "ArrowRight" || event.key === "PageDown") forward();
    else if (event.key === "ArrowLeft" || event.key === "PageUp") back();
    else if ((event.key === "r" || event.key === "R") && parts(slide()).length) toggleReveal();
    else return;
    event.preventDefault();
  }

  function init() {
    var container = document.querySelector("[data-trainer]");
    view = null;
    if (!container) return;
    var slides = helpers.list("[data-slide]", container);
    if (!slides.length) return;
    slides.forEach(function (each) {
      var title = heading(each);
      if (!title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
    });
    view = {
      container: container,
      slides: slides,
      oneAtATime: container.hasAttribute("data-trainer-one-at-a-time"),
      presentLabel: container.getAttribute("data-trainer-present-label") || "Present",
      index: 0,
      step: 0,
      presenting: false,
      previous: button("previous", "Previous"),
      position: el("span", { class: "trainer__position" }),
      reveal: button("reveal", "", true),
      next: button("next", "Next"),
      fullscreen: button("fullscreen", "Full screen"),
      status: helpers.announcer("trainer-status"),
    };
    view.present = button("present", view.presentLabel);
    view.present.setAttribute("aria-pressed", "false");
    view.fullscreen.setAttribute("aria-pressed", "false");
    var controls = el("div", { class: "trainer__controls", role: "group", "aria-label": container.getAttribute("data-trainer-label") || "Slides" });
    view.controls = controls;
    controls.append(view.previous, view.position, view.reveal, view.next, view.present, view.fullscreen);
    container.before(controls, view.status);
    container.classList.add("trainer--ready");
    if (view.oneAtATime) container.classList.add("trainer--one-at-a-time");
    view.previous.addEventListener("click", function () { goTo(view.index - 1, 0); });
    view.next.addEventListener("click", function () { goTo(view.index + 1, 0); });
    view.reveal.addEventListener("click", toggleReveal);
    view.present.addEventListener("click", function () { setPresenting(!view.presenting); });
    view.fullscreen.addEventListener("click", function () {
      if (fullscreenElement()) exitFullscreen(); else requestFullscreen();
    });
    var linked = slides.filter(function (s) { return s.id && "#" + s.id === location.hash; })[0];
    view.index = linked ? slides.indexOf(linked) : 0;
    [view.previous, view.position, view.next].forEach(function (control) { control.hidden = !view.oneAtATime; });
    view.fullscreen.hidden = true;
    render();
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("fullscreenchange", updateFullscreen);
  document.addEventListener("webkitfullscreenchange", updateFullscreen);
  init();
})();
