/*
 * Search, started when the reader opens it. Material starts its search worker and downloads
 * the search index on every page as it loads: on a first visit over poor signal that is a
 * third of what the page costs, for a box most readers never open. This file, run just
 * before Material's script (it is part of site.js, see macros/assets.py), hands Material a
 * stand-in for the worker; the real worker and the index are fetched only when the reader
 * opens search (a tap on the search icon, or the search box gaining focus, as Material's "/",
 * "s" and "f" keys do).
 *
 * It relies on two things in Material for MkDocs 9 (checked by tests/test_first_visit.py):
 * the bundle makes its search worker with `new Worker(config.search)`, and it fetches the index
 * itself only when the search form is named "search", which partials/search.html leaves out
 * on the served site. The message that hands the index to the worker is Material's own
 * (type 0, "setup"). The copy opened from disk keeps Material's way: it starts search on
 * opening already. Nothing is stored.
 *
 * Without signal and without a saved copy of the index, search says so where Material says it
 * is starting, and offers the pages that answer most questions without it (the words and links
 * are the search partial's, template[data-search-unavailable]); opening search again tries again.
 */
(function () {
  "use strict";
  var configElement = document.getElementById("__config");
  var NativeWorker = window.Worker;
  // A form named "search" (the copy opened from disk): Material starts search itself.
  if (document.forms.namedItem("search") || !configElement || !NativeWorker || !window.EventTarget) return;
  var workerAddress, base;
  try {
    var config = JSON.parse(configElement.textContent);
    workerAddress = new URL(config.search, location.href).href;
    base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  } catch (error) {
    return; // (the theme cannot start without its configuration either)
  }
  var SETUP = 0;

  /* Where Material says how search is doing ("Initializing search", "3 matching documents"). */
  function searchMeta() {
    return document.querySelector("[data-md-component='search-result'] .md-search-result__meta");
  }

  /* A worker that starts the real one on first use: Material listens to it and posts to it as
     to a worker (it posts nothing before the worker says it is ready). */
  function OnDemandWorker(address, options) {
    var target = new EventTarget();
    var real = null;
    target.postMessage = function (message) {
      if (real) real.postMessage(message);
    };
    target.terminate = function () {
      if (real) real.terminate();
    };
    var index = "none"; // then "loading", then "ready"
    var starting = null; // what Material said before search was found unavailable
    target.start = function () {
      if (!real) {
        real = new NativeWorker(address, options);
        real.addEventListener("message", function (event) {
          target.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
      }
      if (index === "none") loadIndex();
    };
    function loadIndex() {
      index = "loading";
      if (starting !== null) searchMeta().textContent = starting;
      fetch(new URL("search/search_index.json", base).href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("no search index: " + response.status);
          return response.json();
        })
        .then(function (loaded) {
          real.postMessage({ type: SETUP, data: { config: loaded.config, docs: loaded.docs, options: { suggest: false } } });
          index = "ready";
        })
        .catch(function () {
          index = "none";
          var meta = searchMeta();
          var unavailable = document.querySelector("template[data-search-unavailable]");
          if (!meta || !unavailable) return;
          if (starting === null) starting = meta.textContent;
          meta.replaceChildren(unavailable.content.cloneNode(true));
        });
    }
    return target;
  }

  var searchWorker = null;
  window.Worker = function (address, options) {
    if (new URL(address, location.href).href !== workerAddress) return new NativeWorker(address, options);
    searchWorker = new OnDemandWorker(address, options);
    return searchWorker;
  };

  function start() {
    if (searchWorker) searchWorker.start();
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component='search']")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
