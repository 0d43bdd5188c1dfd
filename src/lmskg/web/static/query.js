// The query page: YASGUI (bundled in static/yasgui/) on this server's endpoint, the example queries as tabs,
// and every IRI of the results under the graph's base linked to its page here.
// No inline script (the Content-Security-Policy forbids it); YASGUI inserts values as text.
(function () {
  "use strict";
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const root = document.getElementById("yasgui");
  if (!window.Yasgui) { return; }
  // No completion from remote vocabularies: the page makes no request outside this server.
  window.Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const yasgui = new window.Yasgui(root, {
    requestConfig: { endpoint: page.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: page.endpoint }] },
    populateFromUrl: false,
    persistenceId: "lmskg-query",
    yasr: { defaultPlugin: "table", pluginOrder: ["table", "response"] },
  });

  function openTab(name, query) {
    return yasgui.addTab(true, { name: name, yasqe: { value: query }, requestConfig: { endpoint: page.endpoint } });
  }

  const menu = document.getElementById("examples");
  if (menu) {
    menu.addEventListener("change", () => {
      const example = examples.find((e) => e.name === menu.value);
      if (example) { openTab(example.name, example.query); }
      menu.value = "";
    });
  }
  if (page.query) { openTab("query", page.query); }

  function localHref(value) {
    return value.startsWith(page.base) ? "/" + value.slice(page.base.length) : null;
  }

  // Result links: our IRIs open as our pages, in this tab, with one click even in a cell cut short (the
  // table's own click handler would first expand the cell).
  const keepToLink = (event) => event.stopPropagation();
  new MutationObserver(() => {
    root.querySelectorAll("a[href]").forEach((link) => {
      const local = localHref(link.getAttribute("href"));
      if (local) {
        link.setAttribute("href", local);
        link.removeAttribute("target");
        link.addEventListener("click", keepToLink);
      }
    });
  }).observe(root, { childList: true, subtree: true });
  window.lmskgYasgui = yasgui;  // for the browser tests and the console
}());
