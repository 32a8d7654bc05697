/*
 * Material's drawer and search start closed. Material marks their toggles (checkboxes)
 * autocomplete="off" so that Firefox does not restore them as they were on a reload; that
 * attribute is not valid on a checkbox, and the build removes it (macros/valid_html.py).
 * Part of site.js, which runs before the theme's script.
 */
(function () {
  "use strict";
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });
})();
