// pkgraph pages: search and question forms call the JSON endpoints and render the evidence.
// Everything is built with DOM APIs (textContent), so document text can never inject markup.
"use strict";

const ROOT = document.body.dataset.root || "";
const BASE_IRI = document.body.dataset.baseIri || "";
const KIND_LABELS = {
  participation: "Teilnahme",
  funding: "Förderung",
  decision: "Beschluss",
  event: "Veranstaltung",
  person: "Person",
  organisation: "Organisation",
  count: "Anzahl",
  jointapplication: "Gemeinsamer Antrag",
  municipality: "Kommune",
  program: "Programm",
  body: "Gremium",
  year: "Jahr",
};

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== "") node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// An IRI under our base becomes a link on this server (whatever host and port it runs on).
function localHref(iri) {
  return BASE_IRI && iri.startsWith(BASE_IRI) ? `${ROOT}/${iri.slice(BASE_IRI.length)}` : iri;
}

// Link to a span of a document: ?hl= marks it, the fragment scrolls to (and highlights) the passage.
function documentSpanHref(documentIri, passageIri, start, end) {
  const index = passageIri ? passageIri.split("/").pop() : null;
  const fragment = index !== null ? `#passage-${index}` : "#hl";
  return `${localHref(documentIri)}?hl=${start}-${end}${fragment}`;
}

// Runs of blank lines (layout of the source) shown as one: the text itself stays as it is.
function tidy(text) {
  return text.replace(/\n\s*\n/g, "\n\n");
}

function withMark(text, start, end) {
  const paragraph = el("p", { class: "result-passage" });
  if (start >= 0 && end > start && end <= text.length) {
    paragraph.append(
      tidy(text.slice(0, start)),
      el("mark", {}, tidy(text.slice(start, end))),
      tidy(text.slice(end)),
    );
  } else {
    paragraph.append(tidy(text));
  }
  return paragraph;
}

function hitMeta(hit) {
  const parts = [
    hit.reference && el("span", {}, `Az. ${hit.reference}`),
    hit.date && el("time", { datetime: hit.date }, hit.date),
    hit.doc_type && el("span", {}, hit.doc_type),
    hit.municipality &&
      (hit.municipality_iri
        ? el("a", { href: localHref(hit.municipality_iri) }, hit.municipality)
        : el("span", {}, hit.municipality)),
    el("span", { class: "score", title: "Relevanz" }, `Score ${Number(hit.score).toFixed(3)}`),
  ];
  return el("p", { class: "result-meta" }, ...parts);
}

function renderHit(hit, headingTag) {
  const href = documentSpanHref(
    hit.document_iri,
    hit.passage_iri,
    hit.start + hit.highlight_start,
    hit.start + hit.highlight_end,
  );
  const title = hit.title || hit.source || hit.document_iri;
  return el(
    "li",
    { class: "result" },
    el(headingTag, {}, el("a", { href, class: "result-link" }, title)),
    hitMeta(hit),
    withMark(hit.text, hit.highlight_start, hit.highlight_end),
  );
}

function showStatus(box, message, isError) {
  box.textContent = message;
  box.classList.toggle("error", Boolean(isError));
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (_error) {
    body = null;
  }
  if (!response.ok) {
    const message = body && (body.message || body.detail) ? body.message || body.detail : response.statusText;
    const parameter = body && body.parameter ? ` (Parameter „${body.parameter}“)` : "";
    throw new Error(`${message}${parameter}`);
  }
  return body;
}

// Fill a form from the page URL so that results are linkable and the back button works.
function fillForm(form, params) {
  for (const [name, value] of params.entries()) {
    const field = form.elements.namedItem(name);
    if (field && "value" in field) field.value = value;
  }
}

function queryParams(params, names) {
  const out = new URLSearchParams();
  for (const name of names) {
    const value = params.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

async function initSearch(form) {
  const params = new URLSearchParams(window.location.search);
  fillForm(form, params);
  const status = document.getElementById("search-status");
  const results = document.getElementById("results");
  const query = (params.get("q") || "").trim();
  if (!query) return;
  const api = queryParams(params, ["q", "k", "method", "municipality", "program", "doc_type", "date_from", "date_to"]);
  showStatus(status, "Suche läuft …");
  try {
    const body = await fetchJson(`${ROOT}/search?${api}`);
    results.replaceChildren(...body.hits.map((hit) => renderHit(hit, "h2")));
    showStatus(
      status,
      body.hits.length
        ? `${body.hits.length} Treffer für „${body.query}“ (Verfahren: ${body.method})`
        : `Keine Treffer für „${body.query}“ mit diesen Filtern.`,
    );
  } catch (error) {
    results.replaceChildren();
    showStatus(status, `Die Suche ist fehlgeschlagen: ${error.message}`, true);
  }
}

// The sentence stating the fact, with the extracted evidence marked inside it.
function statementQuote(source) {
  const quote = source.quote.split(/\s+/).join(" ").trim();
  const sentence = source.sentence || quote;
  const at = sentence.indexOf(quote);
  if (!quote || at < 0) return el("blockquote", {}, `„${sentence}“`);
  return el(
    "blockquote",
    {},
    `„${sentence.slice(0, at)}`,
    el("mark", {}, quote),
    `${sentence.slice(at + quote.length)}“`,
  );
}

function renderFact(fact) {
  const source = fact.source;
  return el(
    "li",
    { class: "answer-fact" },
    el("span", { class: "fact-kind" }, KIND_LABELS[fact.kind] || fact.kind),
    el("div", { class: "fact-text" }, el("a", { href: localHref(fact.iri) }, fact.summary)),
    statementQuote(source),
    el(
      "span",
      { class: "fact-meta" },
      "Quelle: ",
      el("a", { href: documentSpanHref(source.document, source.passage, source.start, source.end) },
        source.title || source.document),
    ),
  );
}

function renderEntity(entity) {
  const label = `${KIND_LABELS[entity.kind] || entity.kind}: ${entity.label}`;
  return el("li", { title: `erkannt an „${entity.matched}“` },
    entity.iri ? el("a", { href: localHref(entity.iri) }, label) : label);
}

async function initQuestion(form) {
  const params = new URLSearchParams(window.location.search);
  fillForm(form, params);
  const question = (params.get("q") || "").trim();
  if (!question) return;
  const status = document.getElementById("answer-status");
  const answer = document.getElementById("answer");
  showStatus(status, "Antwort wird zusammengestellt …");
  try {
    const body = await fetchJson(`${ROOT}/ask?${new URLSearchParams({ q: question })}`);
    document.getElementById("answer-entities").replaceChildren(...body.entities.map(renderEntity));
    document.getElementById("answer-entities-section").hidden = body.entities.length === 0;
    const facts = document.getElementById("answer-facts");
    facts.replaceChildren(...body.facts.map(renderFact));
    if (!body.facts.length) facts.append(el("li", { class: "empty" }, "Keine passenden Fakten im Graphen."));
    document.getElementById("answer-passages").replaceChildren(
      ...body.passages.map((passage) => renderHit(passage.hit, "h3")),
    );
    answer.hidden = false;
    showStatus(status, `${body.facts.length} Fakten, ${body.passages.length} Textabschnitte.`);
  } catch (error) {
    answer.hidden = true;
    showStatus(status, `Die Frage konnte nicht beantwortet werden: ${error.message}`, true);
  }
}

function initDocument(text) {
  const toggle = document.getElementById("show-mentions");
  if (toggle) {
    toggle.addEventListener("change", () => text.classList.toggle("show-mentions", toggle.checked));
  }
  // The fragment scrolls to the passage; bring the marked sentence itself into view as well.
  const hit = document.getElementById("hl");
  if (hit) hit.scrollIntoView({ block: "center" });
}

const searchForm = document.getElementById("search-form");
if (searchForm) initSearch(searchForm);
const questionForm = document.getElementById("question-form");
if (questionForm) initQuestion(questionForm);
const documentText = document.getElementById("doc-text");
if (documentText) initDocument(documentText);
