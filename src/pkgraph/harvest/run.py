"""One harvest run over an OParl system: walk, store, delete, resolve references, remember.

Order: the System and its bodies, then per body the organizations, persons, meetings and papers
(so that papers find their meetings' dates), then objects that earlier runs failed on, then
references nothing listed (a 404 there is a dangling reference, reported). Each object is
stored completely (documents, then its graph, then its state row) before the next one; see
:mod:`pkgraph.harvest.state` for why that makes interrupted runs resumable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import replace

import httpx

from pkgraph.errors import IngestError, PkgraphError
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.harvest.client import HarvestError, OParlClient
from pkgraph.harvest.files import FileText, fetch_file, paper_files, paper_metadata, paper_record
from pkgraph.harvest.links import decision_links, paper_consultations, references
from pkgraph.harvest.mapping import (
    DerivedDocument,
    drop_object_graph,
    object_quads,
    oparl_graph,
    paper_quads,
    replace_object_graph,
)
from pkgraph.harvest.objects import (
    LIST_KINDS,
    OParlObject,
    ags_of,
    clean_text,
    is_deleted,
    iso_date,
    ref,
    type_name,
)
from pkgraph.harvest.options import HarvestOptions, check_options, since_iso
from pkgraph.harvest.report import HarvestReport
from pkgraph.harvest.state import HarvestState
from pkgraph.harvest.stores import HarvestStores, OpenStores, Stores
from pkgraph.harvest.walk import bodies_of, fetch_object, iter_list
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.identity import doc_id_for
from pkgraph.pipeline import (
    PIPELINE_VERSION,
    Progress,
    prepare_raw,
    raw_is_current,
    remove_stored,
    stderr_progress,
    store_prepared,
)
from pkgraph.records import DocumentMetadata, RawDocument
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

#: The next run asks from this long before the last complete run started: a server whose clock
#: is behind, or that stamps ``modified`` at the start of a long transaction, still shows every
#: change; objects seen twice are recognised by their fingerprint and skipped.
SINCE_OVERLAP = dt.timedelta(minutes=10)


def _fingerprint(obj: OParlObject, match: str | None) -> str:
    """What was stored for ``obj``: its JSON as served, the pipeline and the match pattern."""
    data = json.dumps(obj, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{data}|{PIPELINE_VERSION}|{match or ''}".encode()).hexdigest()


def _body_selected(body: OParlObject, wanted: str | None) -> bool:
    if wanted is None:
        return True
    body_id = str(body["id"]).rstrip("/")
    name = clean_text(body.get("name")) or ""
    return wanted in (body_id, body_id.rsplit("/", 1)[-1].split("=")[-1]) or (
        wanted.casefold() == name.casefold()
    )


class _Run:
    def __init__(
        self,
        options: HarvestOptions,
        settings: Settings,
        client: OParlClient,
        state: HarvestState,
        stores: HarvestStores,
        progress: Progress,
    ) -> None:
        self.options = options
        self.settings = settings
        self.client = client
        self.state = state
        self.stores = stores
        self.iris = stores.iris
        self.progress = progress
        self.report = HarvestReport()
        self.pattern = re.compile(options.match, re.IGNORECASE) if options.match else None
        self.gazetteer = load_gazetteer()
        self.ags: str | None = None  # of the body being walked, when in the gazetteer
        self.papers = 0
        self.referenced: dict[str, tuple[str, str]] = {}  # url -> (type, referrer)
        self.seen: set[str] = set()  # ids listed or fetched in this run

    def fail(self, url: str, reason: str) -> None:
        self.report.failures.append((url, reason))

    # --- the walk ----------------------------------------------------------------------------

    def run(self) -> HarvestReport:
        report = self.report
        report.started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        system, bodies = bodies_of(self.client, self.options.url)
        selected = [b for b in bodies if _body_selected(b, self.options.body)]
        if not selected:
            known = ", ".join(str(b["id"]) for b in bodies) or "none"
            raise PkgraphError(f"--body {self.options.body}: no such body (the system has {known})")
        # With --body, the body is what is remembered: other bodies keep their own "since".
        start = selected[0] if self.options.body or system is None else system
        report.system = str(start["id"])
        report.name = clean_text(start.get("name"))
        stored = self.state.system(report.system)
        if self.options.since:
            report.since = since_iso(self.options.since)
        elif stored is not None and stored.last_success:
            report.since = (
                dt.datetime.fromisoformat(stored.last_success) - SINCE_OVERLAP
            ).isoformat()
        self.state.begin_run(report.system, self.options.url, report.name, report.started)
        since = f"objects modified since {report.since}" if report.since else "everything"
        self.progress(f"harvesting {report.name or report.system}: {since}")
        earlier_failures = self.state.pending(report.system)
        if system is not None:
            self.handle(system, "System")
        complete = True
        for body in selected:
            ags = ags_of(body)
            self.ags = ags if ags and self.gazetteer.by_ags(ags) else None
            self.handle(body, "Body")
            complete = self.walk_body(body) and complete
        self.retry(earlier_failures)
        self.resolve_references()
        report.complete = complete and not self.limited
        return report

    @property
    def limited(self) -> bool:
        return self.options.max_papers is not None and self.papers >= self.options.max_papers

    def walk_body(self, body: OParlObject) -> bool:
        """Every list of ``body``; False when a list could not be walked to its end."""
        complete = True
        label = clean_text(body.get("name")) or str(body["id"])
        for key, kind in LIST_KINDS:
            url = body.get(key)
            if not isinstance(url, str) or not url.strip():
                continue
            try:
                for page in iter_list(self.client, url, kind, self.report.since):
                    for error in page.errors:
                        self.seen.add(error.url)
                        self.fail(error.url, error.reason)
                        if error.url != page.url:  # a malformed object: fetched again next run
                            self.state.add_pending(
                                error.url, self.report.system, kind, error.reason
                            )
                    self.handle_page(page.objects, kind)
                    self.progress(
                        f"{label} {key} page {page.number}: {len(page.objects)} objects; "
                        f"stored {sum(self.report.stored.values())}, "
                        f"unchanged {self.report.unchanged}, deleted {self.report.deleted}, "
                        f"files {self.report.files_fetched}, failures {len(self.report.failures)}"
                    )
                    if self.limited:
                        return False
            except HarvestError as exc:
                self.fail(exc.url, f"{key} list not walked to its end: {exc.reason}")
                complete = False
        return complete

    def handle_page(self, objects: list[OParlObject], kind: str) -> None:
        todo = [o for o in objects if not self.current(o)]
        files = self.prefetch(todo) if kind == "Paper" else {}
        for obj in objects:
            if kind == "Paper" and not is_deleted(obj):
                if self.limited:
                    return
                self.papers += 1
            self.handle(obj, kind, files.get(str(obj["id"])))
        self.stores.page_done()

    def current(self, obj: OParlObject) -> bool:
        return not is_deleted(obj) and self.state.fingerprint(str(obj["id"])) == _fingerprint(
            obj, self.options.match
        )

    def prefetch(self, papers: list[OParlObject]) -> dict[str, list[FileText]]:
        """The files of ``papers``, fetched ``harvest_concurrency`` at a time."""
        jobs = [(str(p["id"]), f) for p in papers if not is_deleted(p) for f in paper_files(p)]
        workers = max(1, self.settings.harvest_concurrency)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            texts = list(pool.map(lambda job: fetch_file(self.client, job[1], self.settings), jobs))
        found: dict[str, list[FileText]] = {}
        for (paper_id, _), text in zip(jobs, texts, strict=True):
            found.setdefault(paper_id, []).append(text)
            self.report.files_fetched += int(text.raw is not None)
        return found

    # --- one object --------------------------------------------------------------------------

    def handle(self, obj: OParlObject, kind: str, files: list[FileText] | None = None) -> None:
        object_id = str(obj["id"])
        self.seen.add(object_id)
        if is_deleted(obj):
            self.report.tombstones += 1
            self.delete(object_id)
            return
        fingerprint = _fingerprint(obj, self.options.match)
        if self.state.fingerprint(object_id) == fingerprint:
            self.report.unchanged += 1
            return
        try:
            if kind == "Paper":
                self.store_paper(obj, fingerprint, files)
            else:
                self.store_object(obj, kind, fingerprint)
        except Exception as exc:  # one odd object never stops the run; a non-HarvestError is
            reason = (  # a bug on it, reported like the pipeline reports one odd file
                exc.reason
                if isinstance(exc, HarvestError | IngestError)
                else f"internal error while storing ({type(exc).__name__}: {exc})"
            )
            self.fail(object_id, reason)
            self.state.add_pending(object_id, self.report.system, kind, reason)
            return
        self.report.stored[kind] += 1
        self.note_references(obj)

    def store_object(self, obj: OParlObject, kind: str, fingerprint: str) -> None:
        object_id = str(obj["id"])
        quads = object_quads(obj, self.iris, self.ags)
        graph = oparl_graph(self.iris, object_id)
        self.stores.step(lambda s: replace_object_graph(s.graph, graph, quads))
        when = iso_date(obj.get("start")) if kind == "Meeting" else None
        self.state.save_object(object_id, self.report.system, kind, fingerprint, [], when)

    def store_paper(
        self, paper: OParlObject, fingerprint: str, files: list[FileText] | None
    ) -> None:
        paper_id = str(paper["id"])
        if files is None:
            files = self.prefetch([paper])[paper_id] if paper_files(paper) else []
        previous = self.state.sources(paper_id)
        sources = previous
        derived: list[DerivedDocument] = []
        if self.matches(paper, files):
            sources, derived = self.ingest_paper(paper, files)
            for stale in sorted(set(previous) - set(sources)):
                self.remove(stale)
        else:
            derived = [DerivedDocument(self.iris.document(doc_id_for(s)), s) for s in sources]

        consultations = paper_consultations(self.state, paper)

        def write_paper(stores: Stores) -> None:
            decisions = decision_links(stores.graph, consultations, derived)
            quads = paper_quads(paper, self.iris, self.ags, derived, decisions)
            replace_object_graph(stores.graph, oparl_graph(self.iris, paper_id), quads)

        self.stores.step(write_paper)
        self.state.save_object(paper_id, self.report.system, "Paper", fingerprint, sources)

    def matches(self, paper: OParlObject, files: list[FileText]) -> bool:
        if self.pattern is None:
            return True
        said = " ".join(filter(None, (clean_text(paper.get(k)) for k in ("name", "reference"))))
        return bool(self.pattern.search(said)) or any(
            f.raw is not None and self.pattern.search(f.raw.text) for f in files
        )

    def ingest_paper(
        self, paper: OParlObject, files: list[FileText]
    ) -> tuple[list[str], list[DerivedDocument]]:
        """The paper record and every readable file through the pipeline."""
        metadata = paper_metadata(paper)
        texts: list[tuple[FileText, str | None]] = []
        record = paper_record(paper)
        if record is not None:
            texts.append((FileText(record.source, record), None))
        names = {ref(f): clean_text(f.get("name")) for f in paper_files(paper)}
        texts += [(f, names.get(f.file_id)) for f in files]
        sources: list[str] = []
        derived: list[DerivedDocument] = []
        for text, file_name in texts:
            if text.raw is None:
                self.fail(text.file_id, text.error or "file content not available")
                continue
            title = f"{metadata.title} – {file_name}" if file_name and metadata.title else None
            given = replace(metadata, title=title) if title else metadata
            try:
                status = self.ingest(text.raw, given)
            except IngestError as exc:
                self.fail(text.file_id, exc.reason)
                continue
            self.report.documents[status] += 1
            sources.append(text.raw.source)
            iri = self.iris.document(doc_id_for(text.raw.source))
            derived.append(DerivedDocument(iri, text.raw.source))
        return sources, derived

    def ingest(self, raw: RawDocument, metadata: DocumentMetadata) -> str:
        """:func:`pkgraph.pipeline.ingest_raw` in two steps, extraction between them (the
        slow part: readers of a service go on meanwhile)."""
        if self.stores.step(lambda s: raw_is_current(raw, s.docs, s.index, metadata)):
            return "unchanged"
        prepared = prepare_raw(raw, self.settings, metadata)
        return self.stores.step(lambda s: store_prepared(prepared, s.docs, s.graph, s.index))

    def remove(self, source: str) -> None:
        if self.stores.step(lambda s: remove_stored(source, s.docs, s.graph, s.index)):
            self.report.documents["removed"] += 1

    def delete(self, object_id: str) -> None:
        """Remove a deleted object and every document made from it from every store."""
        known = self.state.known(object_id)
        for source in self.state.sources(object_id):
            self.remove(source)
        graph = oparl_graph(self.iris, object_id)
        self.stores.step(lambda s: drop_object_graph(s.graph, graph))
        self.state.remove_object(object_id)
        self.report.deleted += int(known)

    # --- references and retries --------------------------------------------------------------

    def note_references(self, obj: OParlObject) -> None:
        """Remember the organizations and meetings ``obj`` refers to by URL only."""
        referrer = str(obj["id"])
        for value, kind in references(obj):
            url = ref(value)
            if url and not isinstance(value, dict):
                self.referenced.setdefault(url, (kind, referrer))

    def retry(self, failed: list[tuple[str, str]]) -> None:
        """Objects that failed in an earlier run and were not listed again: fetched by id."""
        for object_id, kind in failed:
            if object_id not in self.seen:
                self.fetch_and_handle(object_id, kind, "failed in an earlier run")

    def resolve_references(self) -> None:
        missing = [(u, r) for u, r in sorted(self.referenced.items()) if not self.state.known(u)]
        if missing:
            self.progress(f"fetching {len(missing)} referenced object(s) no list delivered")
        for url, (kind, referrer) in missing:
            self.fetch_and_handle(url, kind, f"dangling reference from {referrer}")

    def fetch_and_handle(self, url: str, kind: str, why: str) -> None:
        try:
            obj = fetch_object(self.client, url, kind)
        except HarvestError as exc:
            self.fail(url, f"{why}: {exc.reason}")
            if exc.status == 404:  # gone without a tombstone: nothing left to retry
                self.state.drop_pending(url)
            return
        self.handle(obj, type_name(obj) or kind)


def run_harvest(
    options: HarvestOptions,
    settings: Settings,
    stores: HarvestStores,
    *,
    progress: Progress = stderr_progress,
    transport: httpx.BaseTransport | None = None,
) -> HarvestReport:
    """Harvest into ``stores`` (opened here or a service's), remembering the run in
    ``settings.harvest_db``."""
    check_options(options)
    started = time.perf_counter()
    with (
        OParlClient(settings, transport) as client,
        HarvestState.open(settings.harvest_db) as state,
    ):
        run = _Run(options, settings, client, state, stores, progress)
        try:
            report = run.run()
        except BaseException:  # killed by Ctrl-C or a bug: say so in `pkgraph stats`, go on up
            if run.report.system:
                state.finish_run(run.report.system, run.report.started, False, "interrupted", {})
            raise
        stores.page_done()
        report.requests, report.retries = client.requests, client.retries
        report.seconds = time.perf_counter() - started
        status = "ok" if report.ok else ("failures" if report.complete else "incomplete")
        state.finish_run(report.system, report.started, report.complete, status, report.to_dict())
    return report


def harvest_oparl(
    options: HarvestOptions,
    settings: Settings,
    *,
    progress: Progress = stderr_progress,
    transport: httpx.BaseTransport | None = None,
) -> HarvestReport:
    """Harvest the OParl system (or body) at ``options.url`` into ``settings.data_dir``."""
    check_options(options)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        docs = stack.enter_context(DocumentStore.open(settings.documents_db))
        graph = stack.enter_context(GraphStore.open(settings))
        index = stack.enter_context(SearchIndex.open(settings)) if options.with_index else None
        graph.ensure_reference_data()
        stores = OpenStores(Stores(docs, graph, index))
        return run_harvest(options, settings, stores, progress=progress, transport=transport)
