// The SPARQL editor page: YASQE (editor) and YASR (results table) from the bundled YASGUI build,
// posting to this server's /sparql endpoint. Nothing is fetched from other hosts.
"use strict";

(function startEditor() {
  const editorBox = document.getElementById("yasqe");
  const examples = JSON.parse(document.getElementById("sparql-examples").textContent);
  const endpoint = new URL(editorBox.dataset.endpoint, window.location.href).href;
  const initial = new URLSearchParams(window.location.search).get("query");

  const yasqe = new Yasgui.Yasqe(editorBox, {
    value: initial || examples[0],
    persistenceId: null,
    // Class/property completion would query an external vocabulary service: keep it local.
    autocompleters: ["prefixes", "variables"],
    showQueryButton: true,
    resizeable: true,
    editorHeight: "320px",
    requestConfig: {
      endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
    },
  });
  const yasr = new Yasgui.Yasr(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: yasqe.getPrefixesFromQuery(),
  });
  // Literals as plain values ("11", not "11"^^xsd:integer); the table's switch still toggles.
  yasr.config.plugins.table.dynamicConfig = { compact: true };
  yasqe.on("queryResponse", (_instance, response, duration) => {
    yasr.setResponse(response, duration);
  });

  const buttons = Array.from(document.querySelectorAll("button.example"));
  function choose(button) {
    for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
    yasqe.setValue(examples[Number(button.dataset.example)]);
    yasqe.focus();
  }
  yasqe.on("change", (_instance, change) => {
    if (change.origin !== "setValue") {
      for (const button of buttons) button.setAttribute("aria-pressed", "false");
    }
  });
  for (const button of buttons) {
    button.setAttribute("aria-pressed", String(!initial && button.dataset.example === "0"));
    button.addEventListener("click", () => choose(button));
  }
  window.pkgraphEditor = { yasqe, yasr };
})();
