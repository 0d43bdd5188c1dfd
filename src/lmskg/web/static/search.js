// The search box of every page: suggestions from /search?q=...&format=json as one types.
// Every label is inserted as text, never as HTML; the latest answer wins.
(function () {
  "use strict";
  const box = document.getElementById("search-box");
  const list = document.getElementById("suggestions");
  if (!box || !list) { return; }
  let latest = 0;
  let timer = null;

  function show(results) {
    list.replaceChildren();
    results.forEach((hit) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = hit.href || hit.iri;
      link.textContent = hit.label;
      const note = document.createElement("span");
      note.className = "kind";
      note.textContent = " " + hit.kind + (hit.via === "label" ? "" : " · " + hit.via + " " + hit.matched);
      link.appendChild(note);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
  }

  function suggest() {
    const text = box.value.trim();
    const asked = ++latest;
    if (text.length < 2) { show([]); return; }
    fetch("/search?format=json&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => { if (asked === latest) { show(data.results || []); } })
      .catch(() => { if (asked === latest) { show([]); } });
  }

  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  box.addEventListener("keydown", (event) => {
    const links = Array.from(list.querySelectorAll("a"));
    if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[0].focus(); }
    if (event.key === "Escape") { show([]); }
  });
  list.addEventListener("keydown", (event) => {
    const links = Array.from(list.querySelectorAll("a"));
    const i = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < links.length - 1) { event.preventDefault(); links[i + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? links[i - 1] : box).focus(); }
    if (event.key === "Escape") { show([]); box.focus(); }
  });
  document.addEventListener("click", (event) => { if (!list.contains(event.target) && event.target !== box) { show([]); } });
}());
