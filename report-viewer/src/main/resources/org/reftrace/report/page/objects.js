// Objects: the most interesting in full (identity, timeline of lifecycle, waits, holds and puts, the usage count,
// what was reported when the wait warned, holders grouped), every other one in the searchable index.
R.renderObjects = function () {
  const d = R.data, el = R.el;
  const objects = d.objects || [];
  const idx = d.index;
  const total = idx ? idx.total : objects.length;
  R.$("held-title").textContent = "Objects (" + R.count(objects.length) + " shown in full of " + R.count(total) + " tracked)";
  if (!objects.length) R.$("objects").appendChild(el("div", { class: "empty" }, "No tracked object in the dump."));
  for (const o of objects) R.$("objects").appendChild(card(o));
  renderIndex();

  function threadText(t) {
    // a replayed script names the thread after the command line that ran
    return /^line \d+( \(command \d+\))?: /.test(t) ? "taken during " + t : "thread " + t;
  }

  function timeline(o) {
    const events = o.lifecycle || [];
    const holds = o.holds || [];
    const puts = o.puts || [];
    const times = [...events.map((e) => e.atNanos), ...holds.map((h) => h.sinceNanos), ...puts.map((p) => p.goneByNanos),
      ...(o.waits || []).flatMap((w) => [w.startNanos, w.startNanos + w.durationNanos])];
    if (!times.length) return null;
    const start = Math.min(...times), end = Math.max(...times);
    const span = Math.max(1, end - start);
    const pos = (t) => 2 + 96 * (t - start) / span;
    const box = el("div", { class: "timeline", title: "lifecycle, waits, holds (grey; red: taken after it began going away) and puts (green)" });
    for (const w of o.waits || []) {
      box.appendChild(el("div", { class: "span" + (w.outcome === "completed" ? "" : " hung"), style: "left:" + pos(w.startNanos).toFixed(2) + "%;width:" +
        Math.max(0.5, 96 * w.durationNanos / span).toFixed(2) + "%", title: "wait " + w.outcome + ", " + R.seconds(w.durationNanos) + ", " + w.warnings + " warnings" }));
    }
    for (const h of holds) {
      const g = o.groups[h.group] || {};
      box.appendChild(el("div", { class: "hold" + (h.late ? " late" : ""), style: "left:" + pos(h.sinceNanos).toFixed(2) + "%",
        title: "hold taken at " + (g.site || "?") + ", +" + R.seconds(h.sinceNanos - start) + (h.late ? " (after it began going away)" : "") }));
    }
    for (const p of puts) {
      box.appendChild(el("div", { class: "put", style: "left:" + pos(p.goneByNanos).toFixed(2) + "%",
        title: "put back: taken at " + p.site + " +" + R.seconds(p.sinceNanos - start) + ", gone between +" + R.seconds(p.seenNanos - start) + " and +" + R.seconds(p.goneByNanos - start) }));
    }
    let lastLeft = -100;
    for (const e of events) {
      if (e.event === "wait-warning") continue;
      const left = pos(e.atNanos);
      box.appendChild(el("div", { class: "mark", style: "left:" + left.toFixed(2) + "%", title: e.event + " at +" + R.seconds(e.atNanos - start) + " on " + e.thread }));
      if (left - lastLeft > 7) {
        box.appendChild(el("div", { class: "lab", style: "left:" + left.toFixed(2) + "%" }, e.event));
        lastLeft = left;
      }
    }
    return box;
  }

  function card(o) {
    const held = o.shouldBeFree && o.holders > 0;
    const stateKind = held || o.state === "hung" ? "bad" : "ok";
    const head = el("h3", {}, el("span", { class: "mono" }, o.name), el("span", { class: "badge " + stateKind }, o.state),
      el("span", { class: "muted" }, o.kind + (o.refcount !== null && o.refcount !== undefined ? ", usage count " + o.refcount : "") +
        ", " + R.plural(o.holders, "holder") + (o.unattributed ? ", " + o.unattributed + " unattributed" : "") +
        (R.multiJvm ? ", from " + R.jvmLabel(o.jvm) : "")));
    const node = el("div", { class: "card object", id: "obj-" + o.key.replace(":", "-"), "data-key": o.key }, head);
    const text = [o.name, o.state, o.kind, o.className, R.multiJvm ? R.jvmLabel(o.jvm) : ""];
    if (o.signatures.length) {
      const line = el("div", { class: "kept-by" }, "kept by ");
      o.signatures.forEach((rank, i) => {
        const s = d.signatures[rank - 1];
        if (i) line.appendChild(document.createTextNode(", "));
        line.appendChild(el("a", { href: "#sig-" + rank }, "signature #" + rank + (s ? ": " + R.shortSite(s.site) : "")));
      });
      node.appendChild(line);
    }
    const tl = timeline(o);
    if (tl) node.appendChild(tl);
    const events = o.lifecycle || [];
    if (events.length) {
      const t0 = Math.min(...events.map((e) => e.atNanos));
      node.appendChild(el("div", { class: "muted lifecycle" }, events.filter((e) => e.event !== "wait-warning")
        .map((e) => e.event + " +" + R.seconds(e.atNanos - t0)).join(" → ")));
    }
    for (const w of o.waits || []) {
      node.appendChild(el("div", { class: "muted wait" }, "wait for its last references: " + w.outcome + " after " +
        R.seconds(w.durationNanos) + (w.warnings ? ", " + w.warnings + " \"waiting for\" warnings" : "")));
    }
    const warnings = events.filter((e) => e.value !== undefined && e.value !== null);
    if (warnings.length) {
      node.appendChild(el("div", { class: "muted usage" }, "usage count at each \"waiting for\" warning: " + warnings.map((e) => e.value).join(", ") +
        " (" + R.plural(warnings.length, "report") + (warnings.length > 1 ? ", " + R.seconds(warnings[0].atNanos) + " → " + R.seconds(warnings[warnings.length - 1].atNanos) : "") + ")",
        R.lineChart([{ name: "usage count", color: "#c0392b", points: warnings.map((e) => ({ x: e.atNanos, y: e.value })) }], 320, 44,
          (s, p) => "usage count " + p.y + " at " + (p.x / 1e9).toFixed(3) + " s")));
    }
    if ((o.counts || []).length > 1) {
      node.appendChild(el("div", { class: "muted counts" }, "at each dump of its JVM: " + o.counts.map((c) => (c.refcount === null ? "?" : c.refcount) + "/" + c.holders +
        " at " + R.seconds(c.uptimeNanos)).join(", ") + " (usage count/holders)",
        R.lineChart([{ name: "holders", color: "#2e5aac", points: o.counts.map((c) => ({ x: c.uptimeNanos, y: c.holders })) }], 320, 44,
          (s, p) => p.y + " holders at " + R.seconds(p.x))));
    }
    const LABEL = { "lingering-holders": "When the wait warned: ", "held-at-exit": "At exit: ", "leak-found-by-gc": "Found by the garbage collector: " };
    for (const r of o.reports || []) {
      node.appendChild(el("div", { class: "report " + r.type }, (LABEL[r.type] || r.type + ": ") + r.message));
      text.push(r.message);
    }
    if ((o.problemGroups || []).length) {
      const line = el("div", { class: "problem-refs" }, "problems: ");
      o.problemGroups.forEach((i, n) => {
        if (n) line.appendChild(document.createTextNode(", "));
        line.appendChild(el("a", { href: "#problem-" + i }, d.problems[i].type + " (#" + (i + 1) + ")"));
      });
      node.appendChild(line);
    }
    if (o.groups.length) {
      const table = el("table", {}, el("tr", {}, el("th", { class: "num" }, "holders"), el("th", {}, "taken at / by"), el("th", { class: "num" }, "held for")));
      for (const g of o.groups) {
        const owners = g.owners.map((c) => c.value + (c.count > 1 ? " ×" + c.count : "")).join(", ");
        text.push(g.site, owners, g.threads.join(" "), (d.stacks[g.stack] || []).join(" "));
        table.appendChild(el("tr", { class: "group" },
          el("td", { class: "num" }, g.count + "/" + o.holders),
          el("td", {}, el("div", { class: "mono" }, g.site), el("div", {}, "owner " + owners),
            el("div", { class: "muted" }, g.threads.map(threadText).join(", ") + "; paired by " + g.pairing +
              (g.signature ? "; signature #" + g.signature : "")),
            g.late ? el("div", {}, el("span", { class: "badge bad" }, g.late + " taken after it began going away")) : null,
            el("div", {}, R.stackRef(g.stack, o.name), g.stackRepresentative ? el("span", { class: "muted" }, " (captured for another hold at this site)") : null)),
          el("td", { class: "num" }, g.heldMaxNanos === 0 ? "—" : R.seconds(g.heldMaxNanos) + (g.count > 1 ? " – " + R.seconds(g.heldMinNanos) : ""))));
      }
      node.appendChild(table);
      if (o.holdsOmitted) node.appendChild(el("div", { class: "muted" }, "the timeline marks the " + (o.holders - o.holdsOmitted) + " oldest holds"));
    } else {
      node.appendChild(el("div", { class: "empty" }, "no recorded holders"));
    }
    R.addSearch(node, text.join(" "));
    return node;
  }

  // The rest: counted by kind and state, and searched on demand.
  function renderIndex() {
    if (!idx || !idx.names.length) return;
    const box = R.$("index");
    const rows = idx.names.length;
    const groups = new Map();
    for (let i = 0; i < rows; i++) {
      const k = idx.kind[i] + ":" + idx.state[i];
      const g = groups.get(k) || { kind: idx.kindNames[idx.kind[i]], state: idx.stateNames[idx.state[i]], count: 0, holders: 0 };
      g.count++; g.holders += idx.holders[i];
      groups.set(k, g);
    }
    const summary = [...groups.values()].sort((a, b) => b.count - a.count);
    const results = el("div", { id: "index-results" });
    box.append(el("div", { class: "card index" }, el("h3", {}, R.count(rows) + " more objects, listed, not drawn"),
      el("table", { class: "index-summary" }, el("tr", {}, el("th", { class: "num" }, "objects"), el("th", {}, "kind"), el("th", {}, "state"), el("th", { class: "num" }, "holders")),
        ...summary.map((g) => el("tr", {}, el("td", { class: "num" }, R.count(g.count)), el("td", {}, g.kind), el("td", {}, g.state), el("td", { class: "num" }, R.count(g.holders))))),
      el("div", { class: "muted" }, "Type in the filter above to find any of them by name."), results));
    const lower = idx.names.map((n) => String(n).toLowerCase());
    R.onSearch.push((q) => {
      results.textContent = "";
      if (!q) return;
      const found = [];
      let matches = 0;
      for (let i = 0; i < rows; i++) {
        if (lower[i].includes(q)) { matches++; if (found.length < 100) found.push(i); }
      }
      results.append(el("div", { class: "muted", id: "index-count" }, R.count(matches) + " of the listed objects match" + (matches > 100 ? " (the first 100 shown)" : "")));
      if (found.length) results.append(el("table", { id: "index-table" }, el("tr", {}, el("th", {}, "object"), el("th", {}, "kind"), el("th", {}, "state"),
        el("th", { class: "num" }, "holders"), el("th", {}, "signature"), R.multiJvm ? el("th", {}, "JVM") : null),
        ...found.map((i) => el("tr", { class: "index-row" }, el("td", { class: "mono" }, idx.names[i]), el("td", {}, idx.kindNames[idx.kind[i]]),
          el("td", {}, idx.stateNames[idx.state[i]]), el("td", { class: "num" }, R.count(idx.holders[i])),
          el("td", {}, idx.signature[i] ? el("a", { href: "#sig-" + idx.signature[i] }, "#" + idx.signature[i]) : "—"),
          R.multiJvm ? el("td", {}, R.jvmLabel(idx.jvm[i])) : null))));
    });
  }
};
