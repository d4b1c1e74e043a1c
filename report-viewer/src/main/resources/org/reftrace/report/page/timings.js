// Timings: hold time per call site, wait time per object kind (each with its count; one value is a value, not a
// chart), the unregister-to-free time per kind, and per-object waits on demand.
R.renderTimings = function () {
  const t = R.data.timings, el = R.el, box = R.$("timings");
  const any = t.hold.length + t.waits.length + t.unregisterToFree.length + t.other.length;
  if (!any) { box.appendChild(el("div", { class: "empty" }, "No timings recorded.")); return; }

  function shape(dist) {
    if (dist.count === 0) return el("span", { class: "muted" }, "no values");
    if (dist.count === 1 || dist.min === dist.max) return el("span", { class: "single" }, (dist.count === 1 ? "one value: " : R.count(dist.count) + " values, all ") + R.seconds(dist.max));
    if (!dist.buckets.length) return el("span", { class: "muted" }, "from summaries only (no encoded histogram): mean " + R.seconds(dist.mean));
    const top = Math.max(...dist.buckets.map((b) => b.count));
    const bars = el("div", { class: "dist", title: dist.buckets.map((b) => R.seconds(b.fromNanos) + "–" + R.seconds(b.toNanos) + ": " + b.count).join("\n") });
    for (const b of dist.buckets) {
      bars.appendChild(el("div", { class: "b", style: "height:" + Math.max(4, 100 * b.count / top).toFixed(0) + "%",
        title: R.seconds(b.fromNanos) + " – " + R.seconds(b.toNanos) + ": " + R.count(b.count) }));
    }
    return el("div", {}, bars, el("div", { class: "muted" }, R.seconds(dist.min) + " … " + R.seconds(dist.max)));
  }
  const p = (dist, k) => dist.single || dist.count <= 1 ? null : dist.percentiles[k];
  const cell = (v) => v === null || v === undefined ? "—" : R.seconds(v);
  function table(list, keyLabel, keyCell) {
    return R.sortable([
      { label: keyLabel, value: (x) => x.key || "", cell: keyCell || ((x) => el("span", { class: "mono" }, x.key)) },
      { label: "count", num: true, value: (x) => x.count, cell: (x) => R.count(x.count) },
      { label: "p50", num: true, value: (x) => p(x, "50") || x.max, cell: (x) => cell(p(x, "50")) },
      { label: "p99", num: true, value: (x) => p(x, "99") || x.max, cell: (x) => cell(p(x, "99")) },
      { label: "max", num: true, value: (x) => x.max, cell: (x) => R.seconds(x.max) },
      { label: "distribution", cell: shape },
    ], list, { class: "timing", rowClass: () => "timing-row", search: (x) => x.key || "" });
  }
  function section(title, list, keyLabel, note, keyCell) {
    if (!list.length) return;
    box.appendChild(el("div", { class: "card histogram" }, el("h3", {}, title), note ? el("div", { class: "muted" }, note) : null,
      table(list, keyLabel, keyCell)));
  }
  section("How long references are held, per call site", t.hold, "call site",
    "Holds released within the clock's resolution count as zero. Values: " + R.count(t.hold.reduce((n, x) => n + x.count, 0)) + ".");
  section("How long waits for references lasted, per object kind", t.waits, "kind",
    t.waitObjectsTotal ? "Added up from the objects' own histograms (" + R.count(t.waitObjectsTotal) + "); per object below." : null,
    (x) => el("span", {}, x.key, el("span", { class: "muted" }, " (" + R.plural(x.sources, "object") + ")")));
  if (t.waitObjects.length) {
    const details = el("details", { class: "wait-objects" }, el("summary", {}, "per object: the " + R.count(t.waitObjects.length) + " longest of " + R.count(t.waitObjectsTotal) + " waits"));
    details.appendChild(R.sortable([
      { label: "object", value: (w) => w.name, cell: (w) => R.objectLink(w.key, w.name) },
      { label: "kind", value: (w) => w.kind, cell: (w) => w.kind },
      { label: "longest wait", num: true, value: (w) => w.nanos, cell: (w) => R.seconds(w.nanos) },
      { label: "waits", num: true, value: (w) => w.count, cell: (w) => R.count(w.count) },
    ], t.waitObjects, { search: (w) => w.name }));
    box.lastChild ? box.lastChild.appendChild(details) : box.appendChild(details);
  }
  section("From unregister to free, per kind", t.unregisterToFree, "kind");
  section("Other timings", t.other, "metric / key", null, (x) => el("span", { class: "mono" }, x.metric + " " + x.key));
};
