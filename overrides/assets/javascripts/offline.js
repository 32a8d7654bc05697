/*
 * Registers the service worker (sw.js, see macros/service_worker.py) that keeps the site for use without
 * signal, and says when a newer version of the site is waiting: an open tab or an installed app
 * must never keep showing old phone numbers without saying so.
 *
 * A file of its own, not an inline script, so that the Content Security Policy allows no inline
 * script of ours. Nothing is stored about the reader.
 */
(function () {
  "use strict";
  // The script tag names the worker on the served site only (data-worker).
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || location.protocol === "file:" || !script || !script.hasAttribute("data-worker")) return;

  var el = window.policySite.el;
  var NOTICE_ID = "update-notice";

  function showNotice(waiting) {
    if (document.getElementById(NOTICE_ID)) return;
    var notice = el("div", { id: NOTICE_ID, class: "update-notice", role: "status" });
    var text = el("p", { class: "update-notice__text" }, "A newer version of this policy is available. ");
    var button = el("button", { type: "button", class: "update-notice__button" }, "Reload to see it");
    button.addEventListener("click", function () {
      button.disabled = true;
      // The new worker takes over; the page reloads when it has (controllerchange below).
      waiting.postMessage("skip-waiting");
    });
    text.appendChild(button);
    notice.appendChild(text);
    var strip = document.querySelector(".emergency");
    if (strip && strip.parentNode) strip.parentNode.insertBefore(notice, strip.nextSibling);
    else document.body.insertBefore(notice, document.body.firstChild);
  }

  function watch(registration) {
    if (!registration) return; // service workers switched off (as by some browser settings)
    // A worker already waiting (installed while this tab was closed), or one that finishes
    // installing now. Only when a worker controls this page is the new one an update.
    if (registration.waiting && navigator.serviceWorker.controller) showNotice(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed" && navigator.serviceWorker.controller) showNotice(installing);
      });
    });
  }

  var reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // Only after the reader asked for it: the first install also changes the controller.
    if (reloading || !document.getElementById(NOTICE_ID)) return;
    reloading = true;
    location.reload();
  });

  // On the Downloads page: whether each download is kept on this device for use without signal
  // (the worker keeps a download once it has been opened).
  function markDownloads() {
    if (!window.caches) return;
    window.policySite.list(".downloads a").forEach(function (link) {
      caches.match(link.href).then(function (kept) {
        link.parentNode.appendChild(el("span", { class: "downloads__offline" }, kept
          ? "Saved on this device: opens without signal."
          : "Not saved on this device yet: open it once with signal to keep it."));
      });
    });
  }

  function register() {
    navigator.serviceWorker.register(script.getAttribute("data-worker")).then(watch, function () {
      // No worker (a private window, or storage full): the site still works online.
    });
  }

  // After the page has loaded and no file has arrived for a second (the network is quiet, up
  // to ten seconds): on a first visit over poor signal the page comes first, and the worker's
  // copy of the whole site downloads while the reader reads.
  var QUIET_MS = 1000;
  var LONGEST_WAIT_MS = 10000;
  function whenQuiet(callback) {
    var since = Date.now();
    var arrived = performance.getEntriesByType("resource").length;
    setTimeout(function check() {
      var now = performance.getEntriesByType("resource").length;
      if (now === arrived || Date.now() - since >= LONGEST_WAIT_MS) return callback();
      arrived = now;
      setTimeout(check, QUIET_MS);
    }, QUIET_MS);
  }

  markDownloads();
  if (document.readyState === "complete") whenQuiet(register);
  else window.addEventListener("load", function () { whenQuiet(register); });
})();
