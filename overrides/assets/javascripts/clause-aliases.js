/*
 * Old addresses of the policy keep working after a new version renumbers or removes a clause or
 * a page (the data: data/versions.yml; the map: macros/versions.py).
 *
 * - A #clause- address this page does not have, which an earlier version had: to the clause it
 *   leads to now, on whichever page that is. The map comes with every page, on this script's own
 *   tag (data-clause-aliases: old anchor -> address relative to the site's root), so it works
 *   from disk too, where a page cannot fetch a file.
 * - A page the policy no longer has (its link marked data-moved-to): on to the page it leads to,
 *   with the #clause- part.
 *
 * Without script, the page at an old address says where it went; hosts that read _redirects
 * redirect it before any page loads.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var aliases = JSON.parse(script.getAttribute("data-clause-aliases") || "{}");
  // The site's root: this script is assets/javascripts/site.js under it.
  var root = script.src.replace(/assets\/javascripts\/[^/]*$/, "");

  function follow() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return; // not an address this site made
    }
    var known = id && document.getElementById(id);
    if (!known && Object.prototype.hasOwnProperty.call(aliases, id)) {
      location.replace(new URL(aliases[id], root).href);
      return;
    }
    var moved = document.querySelector("a[data-moved-to]");
    if (moved) location.replace(moved.href.split("#")[0] + (known ? "" : location.hash));
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
