/*
 * "Who to call now": in each panel made by macros/reach.py (now_panel), work out which line is
 * open on this device's clock, in UK time (Europe/London), put that line first, say when the
 * other opens (in place of its weekly hours, which would mislead on a bank holiday) and name the
 * bank holiday if today is one. The panel always says the time it used. A panel whose call is
 * the reader's (data-for="reader") makes the open line's button the filled one: "call the ...";
 * one in a step the DSL leads is information for them: "open now: ...", its buttons outlined,
 * but for immediate concerns (data-reader-out-of-hours) when the office line (the first) is
 * closed: then the reader may have to make the call, and the panel says so.
 *
 * The rules are the ones the build checked (sitedata/hours.py): weekly opening times in minutes
 * of the day, what happens on bank holidays, and the bank holidays the build knew about.
 * Without JavaScript the panel lists every line with its hours in words. Nothing is stored.
 */
(function () {
  "use strict";

  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

  /* The last Sunday of a month (0 = January) at 01:00 UTC, when the UK's clocks change. */
  function lastSundayAtOneUtc(year, month) {
    var lastDay = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
  }

  /* The London date ("2026-12-05"), minute of the day and weekday (0 = Monday) of a moment.
     British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
     last Sunday of October (the Summer Time Order 2002). Worked out here rather than with
     Intl's time zones, whose data took a phone over 100 ms to load on every page. */
  function londonTime(moment) {
    var year = moment.getUTCFullYear();
    var summer = moment >= lastSundayAtOneUtc(year, 2) && moment < lastSundayAtOneUtc(year, 9);
    var london = new Date(moment.getTime() + (summer ? 3600000 : 0));
    var date = london.toISOString().slice(0, 10);
    return { date: date, minute: london.getUTCHours() * 60 + london.getUTCMinutes(), weekday: weekdayOf(date) };
  }

  function weekdayOf(date) {
    return (new Date(date + "T12:00:00Z").getUTCDay() + 6) % 7;
  }

  function nextDate(date) {
    var day = new Date(date + "T12:00:00Z");
    day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString().slice(0, 10);
  }

  function isBankHoliday(date, bankHolidays) {
    return Object.prototype.hasOwnProperty.call(bankHolidays, date);
  }

  /* The same rule as Hours.is_open in sitedata/hours.py. */
  function isOpen(hours, date, minute, bankHolidays) {
    if (isBankHoliday(date, bankHolidays) && (hours.bankHolidays === "closed" || hours.bankHolidays === "open all day")) {
      return hours.bankHolidays === "open all day";
    }
    var weekday = weekdayOf(date);
    return hours.open.some(function (rule) {
      return rule.days.indexOf(weekday) >= 0 && rule.opens <= minute && minute < rule.closes;
    });
  }

  function clock(minute) {
    var hour = Math.floor(minute / 60);
    var mins = minute % 60;
    return (hour < 10 ? "0" : "") + hour + ":" + (mins < 10 ? "0" : "") + mins;
  }

  /* When a closed line next opens, in words: "09:00 on Monday", "09:00 today", "17:00 tomorrow". */
  function nextOpening(hours, now, bankHolidays) {
    var date = now.date;
    var minute = now.minute + 1;
    for (var days = 0; days < 9; days += 1) {
      for (; minute < 1440; minute += 1) {
        if (isOpen(hours, date, minute, bankHolidays)) {
          var when = days === 0 ? "today" : days === 1 ? "tomorrow" : "on " + DAY_NAMES[weekdayOf(date)];
          return clock(minute) + " " + when;
        }
      }
      date = nextDate(date);
      minute = 0;
    }
    return null;
  }

  /* The lines as the build wrote them (office hours first), every call button as it was. */
  function restore(panel, lines, forReader) {
    panel.classList.remove("now-panel--decided");
    lines.forEach(function (line) {
      line.parentNode.appendChild(line);
      line.classList.remove("now-panel__line--open");
      line.querySelector("[data-now-when]").textContent = "";
      line.querySelectorAll(".contact-action[href^='tel:']").forEach(function (button) {
        button.classList.toggle("contact-action--call", forReader);
      });
    });
  }

  function update(panel, moment) {
    var now = londonTime(moment);
    var bankHolidays = JSON.parse(panel.getAttribute("data-bank-holidays"));
    var years = panel.getAttribute("data-years").split("-").map(Number);
    // The build's order, kept from the first update: a later one (the navigator shows the
    // panel again, or the clock has moved past the years the page knows) starts from it.
    panel.buildOrder = panel.buildOrder || Array.prototype.slice.call(panel.querySelectorAll("[data-line]"));
    var lines = panel.buildOrder;
    var forReader = panel.getAttribute("data-for") === "reader";
    restore(panel, lines, forReader);
    var open = lines.filter(function (line) {
      return isOpen(JSON.parse(line.getAttribute("data-hours")), now.date, now.minute, bankHolidays);
    });
    var status = panel.querySelector("[data-now-status]");
    var said = "Now (" + DAY_NAMES[now.weekday] + " " + clock(now.minute) + ", UK time on this device): ";
    var year = Number(now.date.slice(0, 4));
    var unknownYear = year < years[0] || year > years[1];
    if (!unknownYear && isBankHoliday(now.date, bankHolidays)) {
      said = "Today is a bank holiday: " + bankHolidays[now.date] + ". " + said;
    }

    if (panel.hasAttribute("data-hours-uncertain")) {
      status.textContent = "Its hours differ between sources: check with your DSL.";
    } else if (lines.length === 1 && !unknownYear) {
      var opensAt = open.length ? null : nextOpening(JSON.parse(lines[0].getAttribute("data-hours")), now, bankHolidays);
      status.textContent = said + "the " + lines[0].getAttribute("data-name") + (open.length ? " is open." :
        " is closed." + (opensAt ? " It opens at " + opensAt + "." : ""));
    } else if (open.length === 1 && !unknownYear) {
      var first = open[0];
      var outOfHours = panel.hasAttribute("data-reader-out-of-hours") && first !== lines[0];
      forReader = forReader || outOfHours;
      first.parentNode.insertBefore(first, first.parentNode.firstChild);
      panel.classList.add("now-panel--decided");
      lines.forEach(function (line) {
        line.classList.toggle("now-panel__line--open", line === first);
        line.querySelectorAll(".contact-action[href^='tel:']").forEach(function (button) {
          button.classList.toggle("contact-action--call", forReader && line === first);
        });
        var opens = line === first ? null : nextOpening(JSON.parse(line.getAttribute("data-hours")), now, bankHolidays);
        line.querySelector("[data-now-when]").textContent = line === first ? ": open now" :
          ": closed now" + (opens ? ", opens at " + opens : "");
      });
      status.textContent = said + (forReader ? "call the " : "open now: the ") + first.getAttribute("data-name") + "." +
        (outOfHours ? " Out of office hours, make this call yourself if the DSL cannot make it with you." : "");
    } else if (unknownYear) {
      status.textContent = said + "this page does not know the bank holidays for " + year +
        ". Use the hours below, and if the line you call is closed, call the other.";
    } else {
      status.textContent = said + "use the hours below; if the line you call does not answer, call the other.";
    }
    panel.classList.add("now-panel--live");
  }

  function updateAll(root) {
    var moment = new Date();
    var panels = Array.prototype.slice.call(root.querySelectorAll("[data-now-panel]"));
    if (root.matches && root.matches("[data-now-panel]")) panels.push(root);
    panels.forEach(function (panel) { update(panel, moment); });
  }

  // The navigator announces each new screen, whose panels need the time too.
  document.addEventListener("policy:screen", function (event) { updateAll(event.target); });
  updateAll(document);
})();
