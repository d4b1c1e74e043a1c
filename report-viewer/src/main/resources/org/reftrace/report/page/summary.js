// The top of the page: the verdict, what was summarised, the findings, the leak signatures, the diff, and the
// outstanding references over time.
R.renderSummary = function () {
  const d = R.data, v = d.verdict, el = R.el;
  R.$("title").textContent = d.title;
  R.$("subtitle").textContent = d.sources.join(", ") + " — " + d.jvms.map((j) => j.kernelLog ? j.vm :
    (j.profiles.join("+") || "?") + " profile, " + j.label + ", " + (j.vm || "") + ", taken at " + (j.trigger || "?")).join("; ");

  function tile(n, label, kind, id) {
    return el("div", { class: "tile " + kind, id: id }, el("div", { class: "n" }, R.count(n)), el("div", { class: "l" }, label));
  }
  R.$("verdict").append(...[
    tile(v.objectsHeld, "objects still held", v.objectsHeld ? "bad" : "ok"),
    tile(v.lingeringHolders, "lingering references", v.lingeringHolders ? "bad" : "ok"),
    tile(v.problems, "problems", v.problems ? "bad" : "ok"),
    tile(v.hungWaits, "waits that never ended", v.hungWaits ? "bad" : "ok"),
    tile(v.unattributed, "unattributed references", v.unattributed ? "warn" : "ok"),
    tile(v.failures, "agent failures", v.failures ? "bad" : "ok", "tile-failures"),
    v.budgets ? tile(v.budgets, "holds without their own stack, by design (not a failure)", "", "tile-budgets") : null].filter((t) => t));

  if (d.summarised.length) {
    const box = R.$("summarised");
    box.classList.remove("hidden");
    box.append(el("strong", {}, "This page summarises: "), el("ul", {}, ...d.summarised.map((s) => el("li", {}, s))));
  }

  // findings: what to look at first, in the one ranking
  const findings = d.findings || [];
  R.$("findings-title").textContent = "What to look at first (" + findings.length + ")";
  if (!findings.length) R.$("findings").appendChild(el("div", { class: "empty" }, "Nothing leaked and nothing went wrong."));
  else {
    const ol = el("ol", { class: "findings" });
    for (const f of findings.slice(0, 20)) {
      const link = el("a", { href: f.kind === "holders" ? "#sig-" + f.signature : "#problem-" + f.problem }, f.headline);
      ol.appendChild(el("li", { class: "finding " + f.kind }, el("span", { class: "badge " + (f.kind === "holders" ? "bad" : "warn") },
        f.kind === "holders" ? "signature #" + f.signature : "problem"), " ", link));
    }
    if (findings.length > 20) ol.appendChild(el("li", { class: "muted" }, (findings.length - 20) + " more below"));
    R.$("findings").appendChild(el("div", { class: "card" }, ol));
  }

  // leak signatures across objects (and JVMs)
  const sigs = d.signatures || [];
  R.$("signatures-title").textContent = "Leak signatures (" + sigs.length + "): holders grouped across objects by call site, owner class and stack";
  if (!sigs.length) R.$("signatures").appendChild(el("div", { class: "empty card" }, "No reference is held where it should not be."));
  else {
    const columns = [
      { label: "#", num: true, value: (s) => s.rank, cell: (s) => el("a", { id: "sig-" + s.rank, name: "sig-" + s.rank }, "#" + s.rank) },
      { label: "what", value: (s) => s.objects, cell: (s) => el("div", {},
          el("div", { class: "headline signature-headline" }, R.headline(s)),
          el("div", { class: "mono" }, s.site),
          el("div", { class: "muted" }, "owner " + (s.exampleOwner || "(static) " + s.ownerClass) + (s.chainLength > 1 ? "; chain " + s.chain : "")),
          el("div", {}, R.stackRef(s.stack, "signature #" + s.rank), s.stackRepresentative ? el("span", { class: "muted" }, " (captured for another hold of this site and owner class)") : null),
          R.examples(s)) },
      { label: "objects", num: true, value: (s) => s.objects, cell: (s) => R.count(s.objects) },
      { label: "references", num: true, value: (s) => s.holders, cell: (s) => R.count(s.holders) },
      { label: "oldest", num: true, value: (s) => s.oldestHeldNanos, cell: (s) => R.seconds(s.oldestHeldNanos) },
      { label: "put back", num: true, value: (s) => s.taken > 0 ? s.released / s.taken : -1,
        cell: (s) => s.taken >= 0 ? R.count(s.released) + " of " + R.count(s.taken) : "—" },
      { label: "JVMs", num: true, value: (s) => s.jvms.length, cell: (s) => el("span", { title: s.jvms.map((j) => R.jvmLabel(j.jvm) + ": " + j.holders).join("\n") }, String(s.jvms.length)) },
      { label: "why", value: null, cell: (s) => el("span", { class: "muted why" }, s.why) },
    ];
    R.$("signatures").appendChild(el("div", { class: "card" }, R.sortable(columns, sigs, { class: "signatures",
      rowClass: () => "signature", search: (s) => [s.site, s.ownerClass, s.exampleOwner, s.heldKind, s.chain,
        (d.stacks[s.stack] || []).join(" "), s.examples.map((e) => e.name).join(" ")].join(" ") })));
  }

  // diff
  if (d.diff) {
    R.$("diff-section").classList.remove("hidden");
    const table = R.$("diff");
    table.appendChild(el("tr", {}, el("th", {}, "change"), el("th", {}, "object"), el("th", {}, "taken at"), el("th", { class: "num" }, "before"),
      el("th", { class: "num" }, "after"), el("th", {}, "stack")));
    for (const r of d.diff) {
      const row = el("tr", { class: "diff-" + r.status }, el("td", {}, r.status), el("td", { class: "mono" }, r.object), el("td", { class: "mono" }, r.site),
        el("td", { class: "num" }, r.before), el("td", { class: "num" }, r.after), el("td", {}, R.stackRef(r.stack, "diff: " + r.object)));
      R.addSearch(row, [r.status, r.object, r.site, (d.stacks[r.stack] || []).join(" ")].join(" "));
      table.appendChild(row);
    }
  }

  // outstanding references over time, when a JVM has several dumps
  const withPoints = d.jvms.filter((j) => j.points.length > 1);
  if (withPoints.length) {
    R.$("timeline-section").classList.remove("hidden");
    const colors = ["#c0392b", "#2e5aac", "#1e8449", "#7d3c98", "#d68910"];
    for (const j of withPoints.slice(0, 10)) {
      const chart = R.lineChart([
        { name: "outstanding references", color: "#2e5aac", points: j.points.map((p) => ({ x: p.uptimeNanos, y: p.holders })) },
        { name: "lingering references", color: colors[0], points: j.points.map((p) => ({ x: p.uptimeNanos, y: p.lingering })) }],
        640, 90, (s, p) => s.name + ": " + p.y + " at " + R.seconds(p.x));
      R.$("timeline").append(el("div", { class: "muted" }, j.label + ": " + j.points.length + " dumps, outstanding (blue) and lingering (red) references: " +
        j.points.map((p) => p.holders + "/" + p.lingering + " at " + R.seconds(p.uptimeNanos)).join(", ")), chart);
    }
  }
};

// "14 devices held by Churn$StatsCollector.sample (Churn.java:36), oldest 17 s"
R.headline = function (s) {
  return R.count(s.objects) + " " + R.kindWord(s.pinnedKind, s.objects) + " held by " + R.shortSite(s.site) +
    (s.holders !== s.objects ? " (" + R.plural(s.holders, "reference") + ")" : "") + (s.oldestHeldNanos > 0 ? ", oldest " + R.seconds(s.oldestHeldNanos) : "") +
    (s.jvms.length > 1 ? ", in " + s.jvms.length + " JVMs" : "");
};

R.examples = function (s) {
  if (!s.examples.length) return null;
  const SHOWN = 6;
  const link = (e) => R.objectLink(e.key, e.name + (R.multiJvm ? " [" + R.jvmLabel(e.jvm) + "]" : ""));
  const list = (items) => {
    const span = R.el("span", {});
    items.forEach((e, i) => { if (i) span.appendChild(document.createTextNode(", ")); span.appendChild(link(e)); });
    return span;
  };
  const box = R.el("div", { class: "examples" }, "objects: ", list(s.examples.slice(0, SHOWN)));
  if (s.examples.length > SHOWN) {
    box.appendChild(R.el("details", { class: "more-examples" }, R.el("summary", {}, "the first " + s.examples.length + " of " + R.count(s.objects)),
      list(s.examples)));
  }
  if (s.objects > s.examples.length) box.appendChild(R.el("span", { class: "muted" }, " and " + R.count(s.objects - s.examples.length) + " more (search the index)"));
  return box;
};
