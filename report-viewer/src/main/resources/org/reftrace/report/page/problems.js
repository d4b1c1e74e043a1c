// Problems grouped by type, kind and call site: each group's message and stacks once, its objects listed.
R.renderProblems = function () {
  const d = R.data, el = R.el;
  const groups = d.problems || [];
  const total = groups.reduce((n, g) => n + g.count, 0);
  R.$("problems-title").textContent = "Problems (" + R.count(total) + " in " + R.plural(groups.length, "group") + ")";
  if (!groups.length) R.$("problems").appendChild(el("div", { class: "empty" }, "No problems."));
  for (const g of groups) {
    const card = el("div", { class: "card problem", id: "problem-" + g.index },
      el("h3", {}, el("span", { class: "badge bad" }, g.type), el("span", {}, "×" + R.count(g.count)),
        g.kind ? el("span", { class: "muted" }, g.kind) : null,
        g.listed < g.count ? el("span", { class: "muted" }, R.count(g.listed) + " listed, the rest counted") : null),
      g.site ? el("div", { class: "mono muted" }, "at " + g.site) : null);
    // a report about holders is on each object's card: said once, unless some of its objects have no card
    const onCards = g.restatesHolders && g.examples.length === g.count && g.examples.every((e) => R.cards.has(e.key));
    if (onCards) {
      card.appendChild(el("div", { class: "muted" }, "Each object's card shows what was reported about its holders; its holders are in the signatures above."));
    } else {
      card.appendChild(el("div", { class: "message" }, g.message));
    }
    const objects = el("div", { class: "examples" }, "on: ");
    g.examples.forEach((e, i) => {
      if (i) objects.appendChild(document.createTextNode(", "));
      objects.appendChild(R.objectLink(e.key, e.object));
      if (e.message && !g.restatesHolders) objects.appendChild(el("span", { class: "muted" }, " (" + e.message + ")"));
    });
    if (g.count > g.examples.length) objects.appendChild(el("span", { class: "muted" }, " and " + R.count(g.count - g.examples.length) + " more"));
    card.appendChild(objects);
    if (g.stack || g.otherStack) {
      card.appendChild(el("div", { class: "pair" },
        el("div", {}, el("h4", {}, "where"), R.stackRef(g.stack, g.type + " #" + (g.index + 1))),
        el("div", {}, el("h4", {}, g.otherLabel), g.otherStack ? R.stackRef(g.otherStack, g.type + " #" + (g.index + 1) + ", " + g.otherLabel) : el("span", { class: "muted" }, "—"))));
    }
    for (const o of g.origins || []) {
      card.appendChild(el("div", { class: "origin" }, el("span", { class: "badge" }, o.role), " ", el("span", { class: "mono" }, o.site || "?"),
        el("span", { class: "muted" }, (o.thread ? " on " + o.thread : "") + (o.atNanos >= 0 ? " at " + R.seconds(o.atNanos) : "")), " ",
        o.stack ? R.stackRef(o.stack, g.type + " " + o.role) : null));
    }
    R.addSearch(card, [g.type, g.kind, g.site, g.message, g.examples.map((e) => e.object + " " + (e.message || "")).join(" "),
      (d.stacks[g.stack] || []).join(" "), (d.stacks[g.otherStack] || []).join(" ")].join(" "));
    R.$("problems").appendChild(card);
  }
};
