// The holder flame graph: an icicle of outstanding references by stack (outermost frame on top), merged across
// objects, weighted by count or by age, optionally only the lingering ones. Click a frame to zoom, the top bar
// to zoom out.
R.renderFlame = function () {
  const f = R.data.flame, el = R.el, box = R.$("flame");
  const n = f ? f.frame.length : 0;
  if (!n || f.count[0] === 0) {
    R.$("flame-title").textContent = "Outstanding references by stack";
    box.appendChild(el("div", { class: "empty" }, "No outstanding references."));
    return;
  }
  const children = Array.from({ length: n }, () => []);
  for (let i = 1; i < n; i++) children[f.parent[i]].push(i);
  const state = { weight: "count", lingeringOnly: R.data.verdict.lingeringHolders > 0, zoom: 0, query: "" };
  const ROW = 18;

  function weightOf(i) {
    if (state.weight === "age") return state.lingeringOnly ? f.lingeringAgeMillis[i] : f.ageMillis[i];
    return state.lingeringOnly ? f.lingering[i] : f.count[i];
  }
  function describe(i) {
    return f.frames[f.frame[i]] + "\n" + R.plural(f.count[i], "reference") + " (" + R.count(f.lingering[i]) + " lingering), held " +
      R.seconds(f.ageMillis[i] * 1e6) + " in all";
  }
  function kindOf(i) {
    const frame = f.frames[f.frame[i]];
    if (i === 0) return "root";
    if (frame.startsWith("[")) return "synthetic";
    return R.frameClass(frame) + (children[i].length ? "" : " leaf");
  }

  const weightSelect = el("select", { id: "flame-weight", "aria-label": "weight" },
    el("option", { value: "count" }, "by references"), el("option", { value: "age" }, "by age (time held)"));
  const lingering = el("input", { type: "checkbox", id: "flame-lingering" });
  lingering.checked = state.lingeringOnly;
  const total = el("span", { class: "muted", id: "flame-total" });
  const graph = el("div", { class: "flame", id: "flame-graph" });
  box.append(el("div", { class: "flame-controls" }, weightSelect, el("label", {}, lingering, " only lingering references (on objects that should be free)"),
    total, f.pruned ? el("span", { class: "muted" }, R.count(f.pruned) + " light frames merged into their callers") : null), graph);
  weightSelect.addEventListener("change", () => { state.weight = weightSelect.value; draw(); });
  lingering.addEventListener("change", () => { state.lingeringOnly = lingering.checked; draw(); });

  function draw() {
    graph.textContent = "";
    const width = graph.clientWidth || 1200;
    const path = [];
    for (let i = state.zoom; i !== -1; i = f.parent[i]) path.unshift(i);
    let depth = 0;
    for (const i of path) place(i, 0, 1, depth++);
    const rootWeight = weightOf(state.zoom);
    let maxDepth = depth;
    function layout(i, x, w, d) {
      let at = x;
      for (const c of children[i]) {
        const cw = rootWeight > 0 ? w * weightOf(c) / weightOf(i) : 0;
        if (cw * width >= 1 && weightOf(c) > 0) {
          place(c, at, cw, d);
          maxDepth = Math.max(maxDepth, d + 1);
          layout(c, at, cw, d + 1);
        }
        at += cw;
      }
    }
    if (weightOf(state.zoom) > 0) layout(state.zoom, 0, 1, depth);
    graph.style.height = (maxDepth * ROW + 4) + "px";
    total.textContent = state.weight === "age" ? "total age held: " + R.seconds(weightOf(0) * 1e6) :
      R.plural(weightOf(0), state.lingeringOnly ? "lingering reference" : "outstanding reference");
  }
  function place(i, x, w, d) {
    const frame = f.frames[f.frame[i]];
    const q = state.query;
    const node = el("div", { class: "f " + kindOf(i) + (q && frame.toLowerCase().includes(q) ? " match" : ""), title: describe(i),
      "data-node": String(i), style: "left:" + (100 * x).toFixed(4) + "%;width:" + (100 * w).toFixed(4) + "%;top:" + (d * ROW) + "px" },
      i === 0 ? "all: " + R.plural(weightOf(0), "reference") : frame + " (" + R.count(state.weight === "age" ? Math.round(weightOf(i) / 1000) : weightOf(i)) + (state.weight === "age" ? " s" : "") + ")");
    node.addEventListener("click", () => { state.zoom = i === state.zoom ? Math.max(0, f.parent[i]) : i; draw(); });
    graph.appendChild(node);
  }
  R.onSearch.push((q) => { state.query = q; draw(); });
  R.$("flame-title").textContent = "Outstanding references by stack (" + R.plural(f.count[0], "reference") + ", merged across objects)";
  draw();
};
