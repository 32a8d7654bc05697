/*
 * The footer's "Is this the current version?" prompt (a year after the policy's date), decided
 * again on the reader's device: a copy of the site built before that day (an old zip on a
 * laptop, an installed app that has not updated) still asks once it has passed. The build shows
 * the prompt itself when the day had already passed, so it is there with JavaScript off too.
 */
(function () {
  "use strict";
  var warning = document.querySelector("[data-review-due]");
  if (!warning) return;
  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var today = now.getFullYear() + "-" + twoDigits(now.getMonth() + 1) + "-" + twoDigits(now.getDate());
  // Dates written YYYY-MM-DD compare as text. Overdue from the day after the review date, as
  // in the build (Setting.review_overdue).
  if (today > warning.getAttribute("data-review-due")) warning.hidden = false;
})();

/*
 * The home page's "New version" notice (macros/versions.py), likewise: shown until its last
 * day (data-show-until) as the reader's device counts the days, whatever the build decided.
 */
(function () {
  "use strict";
  var notices = document.querySelectorAll("[data-show-until]");
  var now = new Date();
  var today = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  Array.prototype.forEach.call(notices, function (notice) {
    notice.hidden = today > notice.getAttribute("data-show-until");
  });
})();
