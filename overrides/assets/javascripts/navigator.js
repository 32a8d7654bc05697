/*
 * The navigator: "What to do now", one question at a time, on the pages whose start links
 * carry data-navigator-start (the home page and the hub).
 *
 * It reads the pathway graph embedded in the page (#pathways-data, the same data as
 * pathways.json; see macros/pathway_pages.py). Without JavaScript the same links lead to the
 * static question and outcome pages. Nothing is stored or sent: the only state is the node id
 * in the address (#nav=<node id>), so that the browser's back button works.
 */
(function () {
  "use strict";

  var HASH = /^#nav=([a-z0-9-]+)$/;
  var graph = null;
  var base = ".";
  var panel = null;
  var startsBlock = null;
  var steps = 0; // how many screens this page has pushed onto the history

  /* --- small DOM helpers ------------------------------------------------------------------ */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes.text;
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* Addresses in the graph are relative to the site's root; Material knows where that is. */
  function siteAddress(address) {
    return new URL(base.replace(/\/?$/, "/") + address, location.href).href;
  }

  function readBase() {
    var config = document.getElementById("__config");
    try {
      return config ? JSON.parse(config.textContent).base || "." : ".";
    } catch (error) {
      return ".";
    }
  }

  /* --- screens ---------------------------------------------------------------------------- */

  function title(text) {
    return el("h2", { class: "navigator__title", tabindex: "-1", id: "navigator-title", text: text });
  }

  function controls() {
    return el("p", { class: "navigator__controls" }, [
      el("button", { type: "button", class: "navigator__control", "data-navigator-back": "", text: "Back" }),
      " ",
      el("button", { type: "button", class: "navigator__control", "data-navigator-restart": "", text: "Start again" }),
    ]);
  }

  function questionScreen(question) {
    var options = question.options.map(function (option) {
      return el("li", {}, [
        el("button", { type: "button", class: "navigator__option", "data-next": option.next, text: option.label }),
      ]);
    });
    return [
      title(question.text),
      question.help ? el("p", { class: "navigator__help", text: question.help }) : null,
      el("ul", { class: "navigator__options" }, options),
      controls(),
    ];
  }

  function clauseLinks(clauses) {
    var links = [];
    clauses.forEach(function (clause, index) {
      if (index) links.push(", ");
      links.push(el("a", { class: "navigator__clause", href: siteAddress(clause.url), text: clause.number }));
    });
    return links;
  }

  function contactAction(id) {
    var contact = graph.contacts[id];
    var hidden = el("span", { class: "visually-hidden", text: ", " + contact.name });
    if (contact.tel) {
      var call = el("a", { class: "contact-action contact-action--call", href: "tel:" + contact.tel }, [
        "Call " + contact.phone, hidden,
      ]);
      if (contact.in_policy) return call;
      return el("span", {}, [call, el("span", { class: "not-in-policy" }, [
        contact.name + ": ", el("a", { href: siteAddress(contact.card), text: "not in the policy, check with your DSL" }),
      ])]);
    }
    if (contact.email) {
      return el("a", { class: "contact-action", href: "mailto:" + contact.email }, ["Email " + contact.email, hidden]);
    }
    var who = contact.role ? contact.name + ", " + contact.role : contact.name;
    return el("a", { class: "contact-action", href: siteAddress(contact.card), text: "Find " + who });
  }

  function outcomeScreen(outcome) {
    var cautions = outcome.cautions.map(function (caution) {
      return el("div", { class: "admonition warning" }, [
        el("p", { class: "admonition-title", text: "A problem in the policy" }),
        el("p", {}, [caution.text + " ("].concat(clauseLinks(caution.clauses), [")"])),
      ]);
    });
    var stepItems = outcome.steps.map(function (step) {
      var meta = [el("strong", { text: "Who: " }), el("span", { class: "navigator__who", text: step.who })];
      if (step.when) {
        meta.push(el("br"), el("strong", { text: "When: " }), el("span", { class: "navigator__when", text: step.when }));
      }
      var actions = step.contacts.map(contactAction);
      return el("li", {}, [
        el("p", { class: "navigator__do" }, [el("strong", { text: step.do })]),
        el("p", { class: "step-meta" }, meta),
        actions.length ? el("p", { class: "navigator__actions" }, actions) : null,
        el("p", { class: "step-source" }, ["From the policy: "].concat(clauseLinks(step.clauses))),
      ]);
    });
    return [
      title(outcome.title),
      el("p", { class: "lead", text: outcome.summary }),
    ].concat(cautions, [
      el("div", { class: "steps" }, [el("ol", { class: "navigator__steps" }, stepItems)]),
      el("p", { class: "navigator__links" }, [
        el("a", { class: "navigator__page", href: siteAddress(outcome.page), text: "See these steps on their own page" }),
        " ",
        el("button", { type: "button", class: "navigator__control", "data-navigator-print": "", text: "Print these steps" }),
      ]),
      controls(),
    ]);
  }

  /* --- showing a node, from the address --------------------------------------------------- */

  function show(nodeId) {
    var question = graph.questions[nodeId];
    var outcome = graph.outcomes[nodeId];
    if (!question && !outcome) return close();
    panel.replaceChildren.apply(panel, question ? questionScreen(question) : outcomeScreen(outcome));
    if (outcome) panel.setAttribute("data-outcome", nodeId);
    else panel.removeAttribute("data-outcome");
    panel.hidden = false;
    if (startsBlock) startsBlock.hidden = true;
    document.getElementById("navigator-status").textContent =
      question ? "Question: " + question.text : "What to do: " + outcome.title;
    document.getElementById("navigator-title").focus();
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
    if (startsBlock) startsBlock.hidden = false;
  }

  function fromAddress() {
    var match = HASH.exec(location.hash);
    if (match) show(match[1]);
    else if (!panel.hidden) close();
  }

  function go(nodeId) {
    steps += 1;
    location.hash = "nav=" + nodeId; // a new history entry: the browser's back button returns here
  }

  function back() {
    if (steps > 0) {
      steps -= 1;
      history.back();
    } else {
      history.replaceState(null, "", location.pathname + location.search);
      close();
    }
  }

  /* --- wiring ----------------------------------------------------------------------------- */

  function onClick(event) {
    var target = event.target.closest("[data-navigator-start], [data-next], [data-navigator-back], " +
      "[data-navigator-restart], [data-navigator-print]");
    if (!target || !graph) return;
    if (target.hasAttribute("data-navigator-start")) {
      var start = graph.starts.filter(function (s) { return s.id === target.getAttribute("data-navigator-start"); })[0];
      if (!start) return;
      event.preventDefault();
      go(start.node);
    } else if (target.hasAttribute("data-next")) {
      go(target.getAttribute("data-next"));
    } else if (target.hasAttribute("data-navigator-back")) {
      back();
    } else if (target.hasAttribute("data-navigator-restart")) {
      go(graph.starts[0].node);
    } else if (target.hasAttribute("data-navigator-print")) {
      window.print();
    }
  }

  function init() {
    var data = document.getElementById("pathways-data");
    var firstStart = document.querySelector("[data-navigator-start]");
    graph = null;
    if (!data || !firstStart) return;
    graph = JSON.parse(data.textContent);
    base = readBase();
    steps = 0;
    startsBlock = firstStart.closest(".options");
    panel = el("section", { id: "navigator", class: "navigator", "aria-labelledby": "navigator-title", hidden: "" });
    var status = el("div", { id: "navigator-status", class: "visually-hidden", "aria-live": "polite" });
    (startsBlock || firstStart).after(panel, status);
    fromAddress();
  }

  // Listeners live on the document, so they are added once even with instant navigation.
  document.addEventListener("click", onClick);
  window.addEventListener("hashchange", function () {
    if (graph) fromAddress();
  });

  // With Material's instant navigation, pages arrive through document$; without it, once.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else init();
})();
