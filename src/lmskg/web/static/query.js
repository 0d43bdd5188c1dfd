// The query page: a CodeMirror SPARQL editor, the example queries, and results rendered as a table.
// No inline script (the Content-Security-Policy forbids it); every value is inserted as text, never as HTML.
(function () {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const SHOWN = 1000;  // rows rendered in the page; Download gets them all
  let editor = null;
  if (window.CodeMirror) {
    editor = window.CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2,
      extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run },
    });
  }
  const getQuery = () => (editor ? editor.getValue() : textarea.value);
  const setQuery = (text) => { if (editor) { editor.setValue(text); } else { textarea.value = text; } };

  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const example = examples[Number(button.dataset.index)];
      if (example) { setQuery(example.query); status.textContent = "Loaded " + example.name + ".rq"; }
    });
  });

  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.id === "download") {
      if (editor) { editor.save(); }  // the plain form GET downloads the result in the chosen format
      return;
    }
    event.preventDefault();
    run();
  });

  function localHref(value) {
    if (value.startsWith(page.base)) { return "/" + value.slice(page.base.length); }
    if (/^https?:\/\//.test(value)) { return value; }
    return null;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      const href = localHref(term.value);
      const node = href ? document.createElement("a") : document.createElement("span");
      if (href) { node.href = href; if (!href.startsWith("/")) { node.rel = "noopener noreferrer"; } }
      node.textContent = term.value;
      td.appendChild(node);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) { td.title = "@" + term["xml:lang"]; }
      else if (term.datatype) { td.title = term.datatype; }
    }
    return td;
  }

  function renderTable(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings || [];
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    vars.forEach((name) => { const th = document.createElement("th"); th.textContent = name; head.appendChild(th); });
    const body = table.createTBody();
    rows.slice(0, SHOWN).forEach((row) => {
      const tr = body.insertRow();
      vars.forEach((name) => tr.appendChild(cell(row[name])));
    });
    results.replaceChildren(table);
    if (rows.length > SHOWN) {
      const note = document.createElement("p");
      note.className = "meta";
      note.textContent = "The first " + SHOWN + " rows are shown; use Download for all of them.";
      results.appendChild(note);
    }
    return rows.length;
  }

  async function run() {
    const started = performance.now();
    status.textContent = "Running…";
    results.replaceChildren();
    const body = new URLSearchParams({ query: getQuery() });
    let response;
    try {
      response = await fetch(page.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: body,
      });
    } catch (error) {
      status.textContent = "The server could not be reached: " + error;
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = (response.headers.get("Content-Type") || "").split(";")[0];
    const text = await response.text();
    if (!response.ok) {
      status.textContent = "Error " + response.status;
      const pre = document.createElement("pre");
      pre.className = "error";
      pre.textContent = text;
      results.replaceChildren(pre);
      return;
    }
    if (type === "application/sparql-results+json") {
      const data = JSON.parse(text);
      if (typeof data.boolean === "boolean") {
        const p = document.createElement("p");
        p.className = "boolean";
        p.textContent = data.boolean ? "true" : "false";
        results.replaceChildren(p);
        status.textContent = "ASK answered in " + ms + " ms";
      } else {
        const n = renderTable(data);
        status.textContent = n + (n === 1 ? " row" : " rows") + " in " + ms + " ms";
      }
    } else {
      const pre = document.createElement("pre");
      pre.textContent = text;
      results.replaceChildren(pre);
      status.textContent = "Graph result in " + ms + " ms";
    }
  }
})();
