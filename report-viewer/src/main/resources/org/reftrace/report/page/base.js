// What every part of the page shares: the data, building elements (all text through textContent, never HTML),
// formatting, links between parts, sortable tables and the search registry.
const R = {};
R.data = JSON.parse(document.getElementById("reftrace-data").textContent);
R.$ = (id) => document.getElementById(id);

R.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v; else if (k === "title") node.title = v; else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
};

R.svg = function (tag, attrs, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

R.seconds = function (nanos) {
  if (nanos === null || nanos === undefined || nanos < 0) return "?";
  const s = nanos / 1e9;
  if (s >= 100) return s.toFixed(0) + " s";
  if (s >= 1) return s.toFixed(2) + " s";
  if (s >= 0.001) return (s * 1000).toFixed(1) + " ms";
  if (nanos >= 1000) return (nanos / 1000).toFixed(1) + " µs";
  return nanos + " ns";
};

R.count = (n) => Number(n).toLocaleString("en-US");
R.plural = (n, one, many) => R.count(n) + " " + (n === 1 ? one : (many || one + "s"));

// Netdev objects are devices; other kinds are named by their kind.
R.kindWord = function (kind, n) {
  if (kind && kind.startsWith("netdev")) return n === 1 ? "device" : "devices";
  return (kind || "object") + (n === 1 ? " object" : " objects");
};

// "org.x.Churn$StatsCollector.sample(Churn.java:36)" -> "Churn$StatsCollector.sample (Churn.java:36)"
R.shortSite = function (site) {
  if (!site) return "(unknown site)";
  const m = /^(.*)\(([^()]*)\)$/.exec(site);
  if (!m) return site;
  const parts = m[1].split(".");
  const method = parts.pop();
  const cls = parts.length ? parts.pop() : "";
  return (cls ? cls + "." : "") + method + " (" + m[2] + ")";
};

const DIM = [/^java\./, /^javax\./, /^jdk\./, /^sun\./, /^[a-z.]+\//, /^org\.reftrace\.agent\./, /^org\.junit\./];
R.frameClass = (frame) => DIM.some((re) => re.test(frame)) ? "dim" : "app";

R.stackList = function (frames) {
  const ol = R.el("ol", { class: "stack" });
  for (const f of frames || []) ol.appendChild(R.el("li", { class: R.frameClass(f) }, f));
  return ol;
};

// A stack is shown once, in the Stacks section; everywhere else a link to it.
R.stackUsers = {};
R.stackRef = function (id, usedBy) {
  const frames = id ? R.data.stacks[id] : null;
  if (!frames) return R.el("span", { class: "muted" }, "no stack captured (the call site is exact)");
  if (usedBy) (R.stackUsers[id] = R.stackUsers[id] || []).push(usedBy);
  const top = frames.find((f) => R.frameClass(f) === "app") || frames[0];
  const a = R.el("a", { class: "stackref", href: "#stack-" + id, "data-stack": id },
    "stack " + id + " (" + frames.length + " frames): " + top);
  a.addEventListener("click", (e) => { e.preventDefault(); R.openStack(id); });
  return a;
};
R.openStack = function (id) {
  const entry = R.$("stack-" + id);
  if (!entry) return;
  entry.open = true;
  for (const t of document.querySelectorAll(".stack-entry.target")) t.classList.remove("target");
  entry.classList.add("target");
  entry.scrollIntoView({ block: "center" });
};

// Objects shown as cards are linked to; others are named, and found by the search.
R.cards = new Set((R.data.objects || []).map((o) => o.key));
R.objectLink = function (key, name) {
  if (key && R.cards.has(key)) {
    const a = R.el("a", { class: "mono objref", href: "#obj-" + key.replace(":", "-") }, name);
    a.addEventListener("click", (e) => { e.preventDefault(); R.openObject(key); });
    return a;
  }
  return R.el("span", { class: "mono", title: key ? "listed in the index below; search for it" : "" }, name);
};
R.openObject = function (key) {
  const card = R.$("obj-" + key.replace(":", "-"));
  if (card) { card.classList.remove("hidden"); card.scrollIntoView({ block: "start" }); }
};

R.multiJvm = (R.data.jvms || []).length > 1;
R.jvmLabel = (i) => (R.data.jvms[i] || {}).label || "JVM " + i;

// Search: every part registers what it drew with its text; the index of objects not drawn searches itself.
R.searchables = [];
R.addSearch = (node, text) => R.searchables.push({ node: node, text: String(text).toLowerCase() });
R.onSearch = [];

// A table whose columns sort on click. columns: {label, num, value(row) for sorting, cell(row) -> node or text}.
R.sortable = function (columns, rows, options) {
  const opts = options || {};
  const table = R.el("table", { class: "sortable " + (opts.class || "") });
  const head = R.el("tr");
  const body = R.el("tbody");
  const rowNodes = rows.map((row) => {
    const tr = R.el("tr", opts.rowClass ? { class: opts.rowClass(row) } : {});
    for (const c of columns) {
      const v = c.cell(row);
      tr.appendChild(R.el("td", c.num ? { class: "num" } : {}, v));
    }
    if (opts.search) R.addSearch(tr, opts.search(row));
    return { row: row, node: tr };
  });
  let sortedBy = -1, desc = false;
  columns.forEach((c, i) => {
    const th = R.el("th", { class: (c.value ? "sort " : "") + (c.num ? "num" : ""), title: c.value ? "sort" : null }, c.label);
    if (c.value) th.addEventListener("click", () => {
      desc = sortedBy === i ? !desc : !!c.num;
      sortedBy = i;
      const key = c.value;
      rowNodes.sort((a, b) => {
        const x = key(a.row), y = key(b.row);
        const r = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
        return desc ? -r : r;
      });
      for (const r of rowNodes) body.appendChild(r.node);
      for (const h of head.children) h.classList.remove("sorted-asc", "sorted-desc");
      th.classList.add(desc ? "sorted-desc" : "sorted-asc");
    });
    head.appendChild(th);
  });
  for (const r of rowNodes) body.appendChild(r.node);
  table.append(R.el("thead", {}, head), body);
  return table;
};

// A small line chart: points [{x, y}], drawn node by node.
R.lineChart = function (series, width, height, describe) {
  const w = width || 320, h = height || 44, pad = 6;
  const all = series.flatMap((s) => s.points);
  if (!all.length) return null;
  const xs = all.map((p) => p.x), ys = all.map((p) => p.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), maxY = Math.max(...ys, 1), minY = Math.min(...ys, 0);
  const x = (v) => pad + (maxX === minX ? (w - 2 * pad) / 2 : (w - 2 * pad) * (v - minX) / (maxX - minX));
  const y = (v) => h - pad - (h - 2 * pad) * (v - minY) / Math.max(1, maxY - minY);
  const svg = R.svg("svg", { width: w, height: h, class: "chart" });
  for (const s of series) {
    svg.appendChild(R.svg("polyline", { points: s.points.map((p) => x(p.x).toFixed(1) + "," + y(p.y).toFixed(1)).join(" "),
      fill: "none", stroke: s.color, "stroke-width": "2" }));
    for (const p of s.points) {
      const dot = R.svg("circle", { cx: x(p.x).toFixed(1), cy: y(p.y).toFixed(1), r: "3", fill: s.color });
      dot.appendChild(R.svg("title", {}, describe ? describe(s, p) : s.name + " " + p.y));
      svg.appendChild(dot);
    }
  }
  return svg;
};
