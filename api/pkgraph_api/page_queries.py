"""The graph reads behind the web pages, as typed rows ready for the templates.

Every function takes the read-only graph (anything with ``query(sparql)`` returning pyoxigraph
solutions, i.e. :class:`pkgraph.graph.store.GraphStore`) and queries the contract vocabulary of
docs/ARCHITECTURE.md; :mod:`pkgraph_api.page_terms` turns the terms into labels and links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from pkgraph.graph.vocab import DCTERMS, FOAF, PK, RDF, RDFS, SCHEMA, SKOS
from pkgraph_api.page_terms import (
    GraphReader,
    Node,
    Row,
    Term,
    Terms,
    class_kind,
    int_of,
    iri_ref,
    required,
    select,
    shorten,
    term_label,
    text_of,
)

#: Predicates that name a thing, in order of preference.
LABEL_PATH = "skos:prefLabel|dcterms:title|foaf:name|schema:name|rdfs:label"
#: Fact types drawn as highlights on the document page (mentions are drawn separately).
FACT_CLASSES = ("Decision", "Funding", "Participation", "JointApplication", "Event", "Membership")
CONTEXT_CHARS = 90


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    municipalities: tuple[Option, ...]
    programs: tuple[Option, ...]
    doc_types: tuple[str, ...]


@dataclass(frozen=True)
class ProgramRow:
    program: Node
    documents: int
    participants: int
    successor_of: Node | None


@dataclass(frozen=True)
class MunicipalityRow:
    municipality: Node
    kind: str
    kreis: Node | None
    documents: int


@dataclass(frozen=True)
class BodyRow:
    body: Node
    kind: str
    of: Node | None
    documents: int


@dataclass(frozen=True)
class DocumentRow:
    document: Node
    reference: str
    doc_type: str
    date: str
    issuer: Node | None
    facts: int


@dataclass(frozen=True)
class Statement:
    predicate: Node
    value: Node


@dataclass(frozen=True)
class IncomingGroup:
    """Subjects pointing at an entity through one predicate (``total`` may exceed the shown)."""

    predicate: Node
    subjects: tuple[Node, ...]
    total: int


@dataclass(frozen=True)
class EvidenceLine:
    """A quote in its context (keyword in context) with a link to its place in the document."""

    document: Node
    passage_index: int
    before: str
    quote: str
    after: str
    href: str


@dataclass(frozen=True)
class EntityView:
    iri: str
    label: str
    types: tuple[Node, ...]
    outgoing: tuple[Statement, ...]
    incoming: tuple[IncomingGroup, ...]
    evidence: tuple[EvidenceLine, ...]


@dataclass(frozen=True)
class DocumentFact:
    """A fact node or mention of one document, located at original offsets."""

    node: Node
    kind: str  # lower-case class name: css class and legend key
    kind_label: str
    start: int
    end: int
    quote: str
    extractor: str
    confidence: str
    about: Node | None  # the mentioned entity, for mentions

    @property
    def is_mention(self) -> bool:
        return self.kind == "mention"


@dataclass(frozen=True)
class Consultation:
    body: Node | None
    date: str
    order: int


def filter_options(graph: GraphReader) -> FilterOptions:
    """Choices for the search filters: mentioned municipalities (with Kreise), programs, types."""
    municipalities = select(
        graph,
        """SELECT DISTINCT ?ags ?label WHERE {
             ?doc a pk:Document ; pk:mentions ?m . ?m pk:ags ?ags ; skos:prefLabel ?label .
           } ORDER BY ?label""",
    )
    kreise = select(
        graph,
        """SELECT DISTINCT ?ags ?label WHERE {
             ?doc a pk:Document ; pk:mentions ?m . ?m pk:inKreis ?k .
             ?k pk:ags ?ags ; skos:prefLabel ?label .
           }""",
    )
    programs = select(
        graph,
        """SELECT DISTINCT ?label WHERE {
             ?doc a pk:Document ; pk:mentions ?p . ?p a pk:Program ; skos:prefLabel ?label .
           } ORDER BY ?label""",
    )
    doc_types = select(
        graph, "SELECT DISTINCT ?type WHERE { ?doc a pk:Document ; pk:documentType ?type }"
    )
    places = {text_of(r["ags"]): text_of(r["label"]) for r in (*municipalities, *kreise)}
    return FilterOptions(
        municipalities=tuple(
            Option(ags, label) for ags, label in sorted(places.items(), key=lambda i: i[1])
        ),
        programs=tuple(Option(text_of(r["label"]), text_of(r["label"])) for r in programs),
        doc_types=tuple(sorted(text_of(r["type"]) for r in doc_types)),
    )


def list_programs(graph: GraphReader, terms: Terms) -> list[ProgramRow]:
    rows = select(
        graph,
        """SELECT ?p (SAMPLE(?label) AS ?name) (SAMPLE(?prev) AS ?previous)
                  (SAMPLE(?prevLabel) AS ?previousName)
                  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?m) AS ?participants)
           WHERE {
             ?p a pk:Program . OPTIONAL { ?p skos:prefLabel ?label }
             OPTIONAL { ?p pk:successorOf ?prev OPTIONAL { ?prev skos:prefLabel ?prevLabel } }
             OPTIONAL { ?doc a pk:Document ; pk:mentions ?p }
             OPTIONAL { ?f pk:inProgram ?p ; pk:participant ?m }
           } GROUP BY ?p ORDER BY DESC(?documents) ?name""",
    )
    return [
        ProgramRow(
            program=required(terms.node(r["p"], r["name"])),
            documents=int_of(r["documents"]),
            participants=int_of(r["participants"]),
            successor_of=terms.node(r["previous"], r["previousName"]),
        )
        for r in rows
    ]


def list_municipalities(graph: GraphReader, terms: Terms) -> list[MunicipalityRow]:
    """Municipalities and Kreise that the documents mention, with their Kreis."""
    rows = select(
        graph,
        """SELECT ?m (SAMPLE(?label) AS ?name) (SAMPLE(?type) AS ?kind) (SAMPLE(?k) AS ?kreis)
                  (SAMPLE(?kLabel) AS ?kreisName) (COUNT(DISTINCT ?doc) AS ?documents)
           WHERE {
             ?doc a pk:Document ; pk:mentions ?m . ?m pk:ags ?ags .
             OPTIONAL { ?m skos:prefLabel ?label } OPTIONAL { ?m pk:municipalityType ?type }
             OPTIONAL { ?m pk:inKreis ?k OPTIONAL { ?k skos:prefLabel ?kLabel } }
           } GROUP BY ?m ORDER BY ?name""",
    )
    return [
        MunicipalityRow(
            municipality=required(terms.node(r["m"], r["name"])),
            kind=text_of(r["kind"]),
            kreis=terms.node(r["kreis"], r["kreisName"]),
            documents=int_of(r["documents"]),
        )
        for r in rows
    ]


def list_bodies(graph: GraphReader, terms: Terms) -> list[BodyRow]:
    rows = select(
        graph,
        """SELECT ?b (SAMPLE(?label) AS ?name) (SAMPLE(?k) AS ?kind) (SAMPLE(?o) AS ?owner)
                  (SAMPLE(?oLabel) AS ?ownerName) (COUNT(DISTINCT ?doc) AS ?documents)
           WHERE {
             ?b pk:bodyKind ?k . OPTIONAL { ?b skos:prefLabel ?label }
             OPTIONAL { ?b pk:bodyOf ?o OPTIONAL { ?o skos:prefLabel ?oLabel } }
             OPTIONAL { ?doc a pk:Document ; pk:mentions ?b }
           } GROUP BY ?b ORDER BY ?name""",
    )
    return [
        BodyRow(
            body=required(terms.node(r["b"], r["name"])),
            kind=text_of(r["kind"]),
            of=terms.node(r["owner"], r["ownerName"]),
            documents=int_of(r["documents"]),
        )
        for r in rows
    ]


def list_documents(graph: GraphReader, terms: Terms) -> list[DocumentRow]:
    rows = select(
        graph,
        f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?r) AS ?reference) (SAMPLE(?ty) AS ?type)
                  (SAMPLE(?dt) AS ?date) (SAMPLE(?i) AS ?issuer) (SAMPLE(?iLabel) AS ?issuerName)
                  (COUNT(DISTINCT ?f) AS ?facts)
           WHERE {{
             ?d a pk:Document .
             OPTIONAL {{ ?d dcterms:title ?t }} OPTIONAL {{ ?d pk:reference ?r }}
             OPTIONAL {{ ?d pk:documentType ?ty }} OPTIONAL {{ ?d dcterms:date ?dt }}
             OPTIONAL {{ ?d pk:issuedBy ?i OPTIONAL {{ ?i skos:prefLabel ?iLabel }} }}
             OPTIONAL {{ ?f pk:inDocument ?d ; a ?fc . VALUES ?fc {{ {_fact_classes()} }} }}
           }} GROUP BY ?d ORDER BY DESC(?date) ?title""",
    )
    return [
        DocumentRow(
            document=required(terms.node(r["d"], r["title"])),
            reference=text_of(r["reference"]),
            doc_type=text_of(r["type"]),
            date=text_of(r["date"]),
            issuer=terms.node(r["issuer"], r["issuerName"]),
            facts=int_of(r["facts"]),
        )
        for r in rows
    ]


def _fact_classes() -> str:
    return " ".join(f"pk:{name}" for name in FACT_CLASSES)


def _label_rows(rows: Iterable[Row], key: str, label: str) -> dict[str, Term]:
    """The first label per IRI, preferring German literals."""
    best: dict[str, tuple[int, Term]] = {}
    for row in rows:
        subject, text = row[key], row[label]
        if subject is None or text is None:
            continue
        rank = 0 if isinstance(text, Literal) and text.language == "de" else 1
        if subject.value not in best or rank < best[subject.value][0]:
            best[subject.value] = (rank, text)
    return {iri: term for iri, (_, term) in best.items()}


def _fact_caption(type_term: Term | None, quote: Term | None) -> str | None:
    """ "Förderung: „43.750 Euro …“" for a node known only by its type and evidence."""
    if type_term is None:
        return None
    kind = term_label(type_term.value)
    return f"{kind}: „{shorten(quote.value)}“" if quote is not None else kind


#: The predicates of :data:`LABEL_PATH` as IRIs, in the same order of preference.
LABEL_PREDICATES = (
    SKOS + "prefLabel",
    DCTERMS + "title",
    FOAF + "name",
    SCHEMA + "name",
    RDFS + "label",
)
#: Columns every neighbour query returns, so one helper names their nodes.
NEIGHBOUR_COLUMNS = f"""
  OPTIONAL {{ ?node {LABEL_PATH} ?label }}
  OPTIONAL {{ ?node a ?type }} OPTIONAL {{ ?node pk:quote|pk:text ?quote }}"""


def describe_entity(
    graph: GraphReader, iri: str, terms: Terms, *, shown: int = 25
) -> EntityView | None:
    """Label, types, statements out and in, and the text evidence of any entity; None if unknown.

    Incoming links are counted per predicate and only ``shown`` of each are fetched, so a Kreis
    with thousands of mentions stays a small page.
    """
    ref = iri_ref(iri)
    outgoing_rows = select(
        graph,
        f"SELECT ?p ?node ?label ?type ?quote WHERE {{ {ref} ?p ?node . {NEIGHBOUR_COLUMNS} }}",
    )
    incoming = incoming_groups(graph, ref, terms, shown)
    if not outgoing_rows and not incoming:
        return None
    names = _neighbour_names(outgoing_rows)
    statements: dict[tuple[str, str], Statement] = {}
    types: dict[str, Node] = {}
    for row in outgoing_rows:
        predicate, value = row["p"], row["node"]
        if predicate is None or value is None:
            continue
        if predicate.value == RDF + "type":
            types[value.value] = Node(term_label(value.value), value.value, value.value)
            continue
        statements.setdefault(
            (predicate.value, value.value),
            Statement(
                _vocabulary_node(predicate.value),
                required(terms.node(value, names.get(value.value))),
            ),
        )
    ordered = sorted(statements.values(), key=lambda s: (s.predicate.text.casefold(), s.value.text))
    return EntityView(
        iri=iri,
        label=own_label(ordered, tuple(types)) or terms.iri_text(iri),
        types=tuple(types.values()),
        outgoing=tuple(ordered),
        incoming=incoming,
        evidence=tuple(entity_evidence(graph, iri, terms)),
    )


def incoming_groups(
    graph: GraphReader, ref: str, terms: Terms, shown: int
) -> tuple[IncomingGroup, ...]:
    """Who points at ``ref``, per predicate: the total and the first ``shown`` by name."""
    counts = select(
        graph,
        f"SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p {ref} }} GROUP BY ?p ORDER BY ?p",
    )
    groups = []
    for count in counts:
        predicate = count["p"]
        if predicate is None:
            continue
        rows = select(
            graph,
            f"""SELECT ?node ?label ?type ?quote WHERE {{
                  {{ SELECT DISTINCT ?node WHERE {{ ?node <{predicate.value}> {ref} }}
                     ORDER BY ?node LIMIT {shown} }}
                  {NEIGHBOUR_COLUMNS}
                }}""",
        )
        names = _neighbour_names(rows)
        subjects = {
            row["node"].value: required(terms.node(row["node"], names.get(row["node"].value)))
            for row in rows
            if row["node"] is not None
        }
        groups.append(
            IncomingGroup(
                _vocabulary_node(predicate.value),
                tuple(sorted(subjects.values(), key=lambda n: n.text.casefold())),
                int_of(count["n"]),
            )
        )
    return tuple(groups)


def _vocabulary_node(iri: str) -> Node:
    return Node(term_label(iri), iri, iri)


def own_label(statements: Iterable[Statement], types: tuple[str, ...]) -> str | None:
    """The entity's name from its statements; an unnamed fact node gets its type and quote."""
    values = {s.predicate.iri: s.value.text for s in statements}
    for predicate in LABEL_PREDICATES:
        if predicate in values:
            return values[predicate]
    pk_types = [t for t in types if t.startswith(PK)] or list(types)
    if not pk_types:
        return None
    quote = values.get(PK + "quote") or values.get(PK + "text")
    return _fact_caption(NamedNode(pk_types[0]), _literal_or_none(quote))


def _literal_or_none(text: str | None) -> Literal | None:
    return Literal(text) if text is not None else None


def _neighbour_names(rows: list[Row]) -> dict[str, Literal]:
    """Display names for the ``?node`` IRIs: a label (German first), or type + quote for facts.

    A node typed both ``pk:Funding`` and ``schema:MonetaryGrant`` is captioned by its pk: type.
    """
    names = {iri: Literal(term.value) for iri, term in _label_rows(rows, "node", "label").items()}
    captions: dict[str, tuple[bool, str]] = {}
    for row in rows:
        node, type_term, quote = row["node"], row["type"], row["quote"]
        if not isinstance(node, NamedNode) or node.value in names or quote is None:
            continue
        caption = _fact_caption(type_term, quote)
        settled = captions.get(node.value, (False, ""))[0]  # already captioned by a pk: type
        if caption is not None and not settled:
            own_type = type_term is not None and type_term.value.startswith(PK)
            captions[node.value] = (own_type, caption)
    names.update({iri: Literal(caption) for iri, (_, caption) in captions.items()})
    return names


def entity_evidence(
    graph: GraphReader, iri: str, terms: Terms, *, limit: int = 100
) -> list[EvidenceLine]:
    """Where the text states the entity: its mentions' quotes (or its own, for a fact node)."""
    rows = select(
        graph,
        f"""SELECT DISTINCT ?doc ?title ?pindex ?pstart ?ptext ?start ?end WHERE {{
              {{ ?node pk:mentionOf {iri_ref(iri)} }} UNION {{ VALUES ?node {{ {iri_ref(iri)} }} }}
              ?node prov:wasDerivedFrom ?passage ; pk:startOffset ?start ; pk:endOffset ?end .
              ?passage pk:passageIndex ?pindex ; pk:startOffset ?pstart ; pk:text ?ptext ;
                       pk:inDocument ?doc .
              OPTIONAL {{ ?doc dcterms:title ?title }}
            }} ORDER BY ?doc ?start LIMIT {limit}""",
    )
    lines = []
    for row in rows:
        document = required(terms.node(row["doc"], row["title"]))
        passage_start, start, end = int_of(row["pstart"]), int_of(row["start"]), int_of(row["end"])
        index = int_of(row["pindex"])
        text = text_of(row["ptext"])
        local_start, local_end = start - passage_start, end - passage_start
        lines.append(
            EvidenceLine(
                document=document,
                passage_index=index,
                before=_context_before(text[: max(0, local_start)]),
                quote=text[max(0, local_start) : max(0, local_end)],
                after=_context_after(text[max(0, local_end) :]),
                href=document_link(document, index, start, end),
            )
        )
    return lines


def _flat(text: str) -> str:
    """Whitespace runs as single spaces, keeping a space at either end where there was one."""
    return re.sub(r"\s+", " ", text)


def _context_before(text: str) -> str:
    flat = _flat(text)
    return flat if len(flat) <= CONTEXT_CHARS else "…" + flat[-CONTEXT_CHARS:]


def _context_after(text: str) -> str:
    flat = _flat(text)
    return flat if len(flat) <= CONTEXT_CHARS else flat[:CONTEXT_CHARS] + "…"


def document_link(document: Node, passage_index: int | None, start: int, end: int) -> str:
    """Link to a span of a document: ``?hl=start-end`` marks it, the fragment scrolls to it."""
    fragment = f"#passage-{passage_index}" if passage_index is not None else "#hl"
    return f"{document.href}?hl={start}-{end}{fragment}"


def document_facts(graph: GraphReader, doc_iri: str, terms: Terms) -> list[DocumentFact]:
    """Every fact node and mention of the document with its evidence offsets, in text order."""
    rows = select(
        graph,
        f"""SELECT ?fact ?type ?start ?end ?quote ?extractor ?confidence ?about ?aboutLabel WHERE {{
              ?fact pk:inDocument {iri_ref(doc_iri)} ; pk:startOffset ?start ;
                    pk:endOffset ?end ; a ?type .
              VALUES ?type {{ {_fact_classes()} pk:Mention }}
              OPTIONAL {{ ?fact pk:quote ?quote }} OPTIONAL {{ ?fact pk:extractor ?extractor }}
              OPTIONAL {{ ?fact pk:confidence ?confidence }}
              OPTIONAL {{ ?fact pk:mentionOf ?about
                         OPTIONAL {{ ?about {LABEL_PATH} ?aboutLabel }} }}
            }} ORDER BY ?start ?fact""",
    )
    facts: dict[str, DocumentFact] = {}
    for row in rows:
        fact, type_term = row["fact"], row["type"]
        if fact is None or type_term is None or fact.value in facts:
            continue
        quote = text_of(row["quote"])
        facts[fact.value] = DocumentFact(
            node=required(terms.node(fact, Literal(_fact_caption(type_term, row["quote"]) or ""))),
            kind=class_kind(type_term.value),
            kind_label=term_label(type_term.value),
            start=int_of(row["start"]),
            end=int_of(row["end"]),
            quote=quote,
            extractor=text_of(row["extractor"]),
            confidence=text_of(row["confidence"]),
            about=terms.node(row["about"], row["aboutLabel"]),
        )
    return list(facts.values())


def document_consultations(graph: GraphReader, doc_iri: str, terms: Terms) -> list[Consultation]:
    """The Beratungsfolge: which body deliberates when, in order."""
    rows = select(
        graph,
        f"""SELECT ?body ?bodyLabel ?date ?order WHERE {{
              {iri_ref(doc_iri)} pk:consultation ?c .
              OPTIONAL {{ ?c pk:consultingBody ?body
                         OPTIONAL {{ ?body skos:prefLabel ?bodyLabel }} }}
              OPTIONAL {{ ?c dcterms:date ?date }} OPTIONAL {{ ?c pk:order ?order }}
            }} ORDER BY ?order""",
    )
    return [
        Consultation(
            body=terms.node(r["body"], r["bodyLabel"]),
            date=text_of(r["date"]),
            order=int_of(r["order"]),
        )
        for r in rows
    ]
