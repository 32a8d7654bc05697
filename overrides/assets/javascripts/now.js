/*
 * "Who to call now": in each panel made by macros/reach.py (now_panel), work out which line is
 * open on this device's clock, in UK time (Europe/London), put that line first, say when the
 * other opens (in place of its weekly hours, which would mislead on a bank holiday) and name the
 * bank holiday if today is one. The panel always says the time it used. A panel whose call is
 * the reader's (data-for="reader") makes the open line's button the filled one: "call the ...";
 * one in a step the DSL leads is information for them: "open now: ...", its buttons outlined,
 * but for immediate concerns (data-reader-out-of-hours) when the office line (the first) is
 * closed: then the reader may have to make the call, and the panel says so, in the attribute's
 * words.
 *
 * The rules are the ones the build checked (sitedata/hours.py): weekly opening times in minutes
 * of the day, what happens on bank holidays, and the bank holidays the build knew about.
 * Without JavaScript, or with a panel whose data cannot be read, the panel lists every line with
 * its hours in words. Nothing is stored.
 *
 * The decision (decide) needs no page: tests/js/now.test.js runs it under Node.
 */
(function () {
  "use strict";
  var helpers = typeof module === "object" ? require("./helpers.js") : window.policySite;

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

  /* What a panel says at a moment. panel: {lines: [{name, hours}] in the build's order (office
     hours first), bankHolidays: {date: name}, years: [first, last] whose bank holidays those are,
     forReader, outOfHours: what to say when the reader must call out of office hours (or null),
     uncertain: what to say when the one line's hours are uncertain (or null)}. The answer:
     {status, open: the index of the line to put first, or -1 (then the lines stay as built),
     readerCalls: whether that line's call button is the filled one, when: each line's "open
     now" or "closed now, opens at ..."}. */
  function decide(panel, moment) {
    var now = londonTime(moment);
    var year = Number(now.date.slice(0, 4));
    var knownYear = year >= panel.years[0] && year <= panel.years[1];
    var decision = { status: "", open: -1, readerCalls: panel.forReader, when: [] };
    var said = "Now (" + DAY_NAMES[now.weekday] + " " + clock(now.minute) + ", UK time on this device): ";
    if (knownYear && isBankHoliday(now.date, panel.bankHolidays)) {
      said = "Today is a bank holiday: " + panel.bankHolidays[now.date] + ". " + said;
    }
    var opensAt = function (line) { return nextOpening(line.hours, now, panel.bankHolidays); };
    var open = panel.lines.filter(function (line) {
      return isOpen(line.hours, now.date, now.minute, panel.bankHolidays);
    });

    if (panel.uncertain) {
      decision.status = panel.uncertain;
    } else if (!knownYear) {
      decision.status = said + "this page does not know the bank holidays for " + year +
        ". Use the hours below, and if the line you call is closed, call the other.";
    } else if (panel.lines.length === 1) {
      var only = panel.lines[0];
      var opens = open.length ? null : opensAt(only);
      decision.status = said + "the " + only.name + (open.length ? " is open." :
        " is closed." + (opens ? " It opens at " + opens + "." : ""));
    } else if (open.length === 1) {
      var first = open[0];
      var outOfHours = panel.outOfHours && first !== panel.lines[0];
      decision.open = panel.lines.indexOf(first);
      decision.readerCalls = panel.forReader || Boolean(outOfHours);
      decision.when = panel.lines.map(function (line) {
        if (line === first) return ": open now";
        var at = opensAt(line);
        return ": closed now" + (at ? ", opens at " + at : "");
      });
      decision.status = said + (decision.readerCalls ? "call the " : "open now: the ") + first.name + "." +
        (outOfHours ? " " + panel.outOfHours : "");
    } else {
      decision.status = said + "use the hours below; if the line you call does not answer, call the other.";
    }
    return decision;
  }

  if (typeof module === "object") {
    module.exports = { londonTime: londonTime, isOpen: isOpen, nextOpening: nextOpening, decide: decide };
    return;
  }

  // --- the page ---------------------------------------------------------------------------------

  /* What the build wrote into the panel, for decide; null (reported) if it cannot be read. */
  function read(panel, lines) {
    var bankHolidays = helpers.readJson(panel, "data-bank-holidays");
    var years = /^(\d{4})-(\d{4})$/.exec(panel.getAttribute("data-years"));
    var hours = lines.map(function (line) { return helpers.readJson(line, "data-hours"); });
    if (!bankHolidays || !years || hours.indexOf(null) >= 0) throw new Error("the panel's data cannot be read");
    return {
      lines: lines.map(function (line, i) { return { name: line.getAttribute("data-name"), hours: hours[i] }; }),
      bankHolidays: bankHolidays,
      years: [Number(years[1]), Number(years[2])],
      forReader: panel.getAttribute("data-for") === "reader",
      outOfHours: panel.getAttribute("data-reader-out-of-hours"),
      uncertain: panel.getAttribute("data-hours-uncertain"),
    };
  }

  function callButtons(line) {
    return helpers.list(".contact-action[href^='tel:']", line);
  }

  /* The lines as the build wrote them (office hours first), every call button as it was. */
  function restore(panel, lines, forReader) {
    panel.classList.remove("now-panel--decided");
    lines.forEach(function (line) {
      line.parentNode.appendChild(line);
      line.classList.remove("now-panel__line--open");
      line.querySelector("[data-now-when]").textContent = "";
      callButtons(line).forEach(function (button) { button.classList.toggle("contact-action--call", forReader); });
    });
  }

  function update(panel, moment) {
    // The build's order, kept from the first update: a later one (the navigator shows the
    // panel again, or the clock has moved past the years the page knows) starts from it.
    panel.buildOrder = panel.buildOrder || helpers.list("[data-line]", panel);
    var lines = panel.buildOrder;
    var data = read(panel, lines);
    var decision = decide(data, moment);
    restore(panel, lines, data.forReader);
    if (decision.open >= 0) {
      var first = lines[decision.open];
      first.parentNode.insertBefore(first, first.parentNode.firstChild);
      panel.classList.add("now-panel--decided");
      lines.forEach(function (line, i) {
        line.classList.toggle("now-panel__line--open", line === first);
        callButtons(line).forEach(function (button) {
          button.classList.toggle("contact-action--call", decision.readerCalls && line === first);
        });
        line.querySelector("[data-now-when]").textContent = decision.when[i];
      });
    }
    panel.querySelector("[data-now-status]").textContent = decision.status;
    panel.classList.add("now-panel--live");
  }

  function updateAll(root) {
    var moment = new Date();
    var panels = helpers.list("[data-now-panel]", root);
    if (root.matches && root.matches("[data-now-panel]")) panels.push(root);
    helpers.each(panels, function (panel) { update(panel, moment); });
  }

  // The navigator announces each new screen, whose panels need the time too.
  document.addEventListener("policy:screen", function (event) { updateAll(event.target); });
  updateAll(document);
})();
