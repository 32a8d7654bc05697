/*
 * The navigator: "What to do now", one question per screen, in the page that hosts it (the home
 * page and the hub, whose start links carry data-navigator-start).
 *
 * Every screen is a <template data-nav-node="<id>"> made by the same Python renderers as the
 * static question and outcome pages (macros/screens.py): this script only shows one at a time.
 * The hub has the screens in the page; the home page names the hub (data-navigator-screens)
 * and the screens are read from it when the reader first taps a way in, which keeps the home
 * page light on a first visit. If they cannot be read (no signal, nothing saved yet), the tap
 * follows its link as it would without JavaScript. Without JavaScript the same links lead
 * through the static pages.
 *
 * The only state is the screen's id and how deep in the walk it is, kept in history.state and
 * in the address (#nav=<id>), so that the browser's Back and Forward and the in-page Back always
 * agree. Nothing is stored or sent.
 *
 * The walk's state (which screen, how deep, what the address and the history say) needs no page:
 * tests/js/navigator.test.js runs it under Node.
 */
(function () {
  "use strict";
  var helpers = typeof module === "object" ? require("./helpers.js") : window.policySite;
  var el = helpers.el;

  var HASH = /^#nav=([a-z0-9-]+)$/;
  // A second tap that lands while a screen is changing would answer the next question unseen.
  var SETTLE_MS = 400; // panel[data-ready] says the time has passed (the tests wait for it)

  /* Each screen names itself in the browser's tab and history, as a page would (WCAG 2.4.2):
     "<question or answer> - <site>", the site's name as the page's own title ends with it. */
  function titleFor(pageTitle, screenTitle) {
    var site = pageTitle.lastIndexOf(" - ");
    return screenTitle + " - " + (site >= 0 ? pageTitle.slice(site + 3) : pageTitle);
  }

  /* The screen of that id, or null: ids are the data's, so none may reach the object's own
     properties ("constructor", "__proto__"). */
  function screenIn(screens, nodeId) {
    return Object.prototype.hasOwnProperty.call(screens, nodeId) ? screens[nodeId] : null;
  }

  /* The walk that the history entry or else the address (#nav=<id>) names, as {nav, depth,
     fromAddress}, or null. isScreen(id) says whether a screen has that id. A screen named by
     the address alone (a bookmark, a shared link) is the walk's first. */
  function walkFrom(state, hash, isScreen) {
    if (state && typeof state.nav === "string" && isScreen(state.nav)) {
      return { nav: state.nav, depth: state.depth || 1, fromAddress: false };
    }
    var match = HASH.exec(hash);
    return match && isScreen(match[1]) ? { nav: match[1], depth: 1, fromAddress: true } : null;
  }

  /* Whether a tap on an answer counts: not while the screen is still changing. */
  function settled(now, changedAt) {
    return now - changedAt >= SETTLE_MS;
  }

  /* A link of the hub's screens as it works from another page of the site: its path, where it
     leads within the site; as it is, where it leads elsewhere. */
  function linkFromHub(href, hubAddress, origin) {
    var target = new URL(href, hubAddress);
    return target.origin === origin ? target.href.slice(target.origin.length) : href;
  }

  if (typeof module === "object") {
    module.exports = { titleFor: titleFor, screenIn: screenIn, walkFrom: walkFrom, settled: settled,
      linkFromHub: linkFromHub, SETTLE_MS: SETTLE_MS };
    return;
  }

  // --- the page ---------------------------------------------------------------------------------

  var screens = null; // node id -> <template>
  var screensSource = null; // the hub's address, on the home page
  var loading = null;
  var panel = null;
  var depth = 0;
  var changedAt = 0;
  var pageTitle = document.title; // restored when the walk closes

  function screenFor(nodeId) {
    return screenIn(screens, nodeId);
  }

  function show(nodeId, atDepth) {
    var template = screenFor(nodeId);
    if (!template) return close();
    depth = atDepth;
    changedAt = Date.now();
    panel.removeAttribute("data-ready");
    setTimeout(function () { panel.setAttribute("data-ready", ""); }, SETTLE_MS);
    var title = el("h1", { class: "navigator__title", id: "navigator-title", tabindex: "-1" },
      template.getAttribute("data-nav-title"));
    var backLink = el("a", { class: "navigator__back", href: "#", "data-navigator-back": "" }, "Back");
    var body = document.importNode(template.content, true);
    var controls = el("p", { class: "navigator__controls" });
    if (template.hasAttribute("data-nav-outcome")) {
      controls.appendChild(el("button", { type: "button", class: "navigator__control", "data-navigator-print": "" },
        "Print these steps"));
      panel.setAttribute("data-outcome", nodeId);
    } else {
      panel.removeAttribute("data-outcome");
    }
    controls.appendChild(el("button", { type: "button", class: "navigator__control", "data-navigator-restart": "" },
      "Start again"));
    panel.replaceChildren(backLink, title, body, controls);
    document.title = titleFor(pageTitle, template.getAttribute("data-nav-title"));
    panel.hidden = false;
    printAddress(template.getAttribute("data-nav-page"));
    document.documentElement.classList.add("navigating");
    panel.dispatchEvent(new CustomEvent("policy:screen", { bubbles: true }));
    window.scrollTo(0, 0);
    title.focus();
  }

  /* On paper the footer names the page printed: the screen's own page while one is shown
     (copyright.html), the page's again after. */
  function printAddress(page) {
    var address = document.querySelector("[data-print-address]");
    if (!address) return;
    if (!address.hasAttribute("data-page-address")) address.setAttribute("data-page-address", address.textContent);
    address.textContent = page === null ? address.getAttribute("data-page-address")
      : address.getAttribute("data-print-address") + page;
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
    document.title = pageTitle;
    printAddress(null);
    document.documentElement.classList.remove("navigating");
    depth = 0;
  }

  function go(nodeId) {
    if (!screenFor(nodeId)) return;
    history.pushState({ nav: nodeId, depth: depth + 1 }, "", "#nav=" + nodeId);
    show(nodeId, depth + 1);
  }

  function back() {
    if (depth > 1) {
      history.back();
    } else {
      history.replaceState(null, "", location.pathname + location.search);
      close();
    }
  }

  function fromHistory() {
    var walk = walkFrom(history.state, location.hash, screenFor);
    if (!walk) {
      if (!panel.hidden) close();
      return;
    }
    if (walk.fromAddress) history.replaceState({ nav: walk.nav, depth: 1 }, "", location.href);
    show(walk.nav, walk.depth);
  }

  function useScreens(templates) {
    screens = Object.create(null);
    templates.forEach(function (template) { screens[template.getAttribute("data-nav-node")] = template; });
  }

  /* The hub's screens, its links made to work from this page. */
  function loadScreens() {
    loading = loading || fetch(screensSource, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("no screens: " + response.status);
      return response.text().then(function (html) {
        var hub = new DOMParser().parseFromString(html, "text/html");
        var templates = hub.querySelectorAll("template[data-nav-node]");
        templates.forEach(function (template) {
          template.content.querySelectorAll("[href]").forEach(function (link) {
            link.setAttribute("href", linkFromHub(link.getAttribute("href"), response.url, location.origin));
          });
        });
        useScreens(templates);
        addScripts(hub, response.url);
      });
    });
    loading.catch(function () { loading = null; }); // try again on the next tap
    return loading;
  }

  /* The hub's page scripts that this page lacks (now.js, which says which line is open now on
     the outcome screens): they run on the screens as they do on the hub. */
  function addScripts(hub, hubAddress) {
    var loaded = Array.prototype.map.call(document.scripts, function (script) { return script.src; });
    hub.querySelectorAll("script[src]").forEach(function (script) {
      var address = new URL(script.getAttribute("src"), hubAddress).href;
      if (loaded.indexOf(address) < 0) document.body.appendChild(el("script", { src: address }));
    });
  }

  function start(link) {
    if (screens) {
      depth = 0;
      go(link.getAttribute("data-navigator-node"));
    } else if (!loading) {
      // (A second tap while the screens load would start the walk twice.)
      loadScreens().then(function () { start(link); }, function () { location.href = link.href; });
    }
  }

  function onClick(event) {
    if (!panel) return;
    var target = event.target.closest("[data-navigator-start], [data-next], [data-navigator-back], " +
      "[data-navigator-restart], [data-navigator-print]");
    if (!target) return;
    if (target.hasAttribute("data-navigator-start")) {
      event.preventDefault();
      start(target);
    } else if (!screens || !panel.contains(target)) {
      return;
    } else if (target.hasAttribute("data-next")) {
      event.preventDefault();
      if (settled(Date.now(), changedAt)) go(target.getAttribute("data-next"));
    } else if (target.hasAttribute("data-navigator-back")) {
      event.preventDefault();
      back();
    } else if (target.hasAttribute("data-navigator-restart")) {
      start(document.querySelector("[data-navigator-main]"));
    } else if (target.hasAttribute("data-navigator-print")) {
      window.print();
    }
  }

  /* The walk the address or the history names, once the screens are here. */
  function restore() {
    var named = walkFrom(history.state, location.hash, function () { return true; });
    if (screens) fromHistory();
    else if (named) loadScreens().then(fromHistory, function () {});
  }

  function init() {
    var templates = document.querySelectorAll("template[data-nav-node]");
    var source = document.querySelector("[data-navigator-screens]");
    var firstStart = document.querySelector("[data-navigator-start]");
    if (!firstStart || !(templates.length || source)) return;
    if (templates.length) useScreens(templates);
    else screensSource = new URL(source.getAttribute("data-navigator-screens"), location.href).href;
    panel = el("section", { id: "navigator", class: "navigator", "aria-labelledby": "navigator-title", hidden: "" });
    (firstStart.closest(".options") || firstStart).after(panel);
    restore();
  }

  document.addEventListener("click", onClick);
  window.addEventListener("popstate", function () { if (panel) restore(); });
  init();
})();
