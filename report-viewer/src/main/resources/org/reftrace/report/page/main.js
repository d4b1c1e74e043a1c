// Renders every part, then wires the filter: cards, rows and stacks hide when they do not match, the index and
// the flame graph search themselves.
(function () {
  R.renderSummary();
  R.renderFlame();
  R.renderObjects();
  R.renderProblems();
  R.renderTimings();
  R.renderHealth();
  let timer = null;
  R.$("search").addEventListener("input", (e) => {
    const q = e.target.value.trim().toLowerCase();
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const s of R.searchables) s.node.classList.toggle("hidden", q !== "" && !s.text.includes(q));
      for (const f of R.onSearch) f(q);
      document.body.setAttribute("data-query", q);
    }, 60);
  });
  document.body.setAttribute("data-rendered", "true");
})();
