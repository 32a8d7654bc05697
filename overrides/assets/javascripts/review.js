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
