"""Milvus plumbing for the search backend: where the engine is, one client per engine, schema.

``settings.search_url`` names the engine: ``milvus:`` + a ``.db`` file runs Milvus Lite (the
Milvus 2.5 engine as a child process of this one, for tests and one machine); ``http(s)://``
or ``tcp://`` reaches a Milvus standalone or cluster. The client API is the same for all.

Two collections per ``search_collection`` name:

- ``<name>``: a row per passage: id, doc id, searchable text, pkgraph's analysed tokens and
  character grams (each fed through a whitespace analyzer to a BM25 function, so Milvus keeps
  the BM25 statistics and pkgraph's German analysis decides the terms), the document's entity
  keys, the passage's embedding.
- ``<name>_documents``: a row per document, all its passages' tokens, for the documents channel.

BM25 k1 and b are pkgraph's (``lexical.WORDS_BM25`` ...). The dense index is exact (FLAT) in
Milvus Lite, which offers no graph index, and HNSW with faiss' parameters (``dense.py``) on a
server. Collections are created with Strong consistency: a search sees every earlier write.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pkgraph.errors import PkgraphError
from pkgraph.search.dense import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_NEIGHBOURS
from pkgraph.search.lexical import DOCUMENTS_BM25, GRAMS_BM25, WORDS_BM25

#: Bump when the collections' layout changes; a collection of another format is refused.
FORMAT = 1
#: Milvus' longest VARCHAR, in bytes.
MAX_VARCHAR = 65_535
_ID_LENGTH = 1024
_SERVER_SCHEMES = ("http", "https", "tcp")
#: BM25 input field -> (sparse output field, (k1, b)) of the passages collection.
PASSAGE_BM25 = {"tokens": ("words", WORDS_BM25), "grams_text": ("grams", GRAMS_BM25)}


@dataclass(frozen=True)
class Engine:
    """Where the engine is: a Milvus Lite file (``local``) or a server URI."""

    uri: str
    local: bool
    token: str = ""

    @classmethod
    def parse(cls, url: str, search_dir: Path) -> Engine:
        parts = urlsplit(url)
        if parts.scheme == "milvus":
            path = Path(parts.netloc + parts.path)
            if not path.is_absolute():
                path = search_dir / path
            if path.suffix != ".db":
                raise PkgraphError(f"search_url {url!r}: a Milvus Lite file must end in .db")
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(str(path), local=True)
        if parts.scheme in _SERVER_SCHEMES and parts.hostname:
            token = ""
            if parts.username is not None:
                token = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            port = f":{parts.port}" if parts.port else ""
            return cls(f"{parts.scheme}://{parts.hostname}{port}{parts.path}", False, token)
        raise PkgraphError(
            f"search_url {url!r}: give milvus:<file>.db (Milvus Lite) or http://host:19530"
        )


class _Clients:
    """One client per engine and process, shared by the indexes open on it.

    pymilvus names a connection after its URI, so closing one of two clients of the same URI
    closes both; and Milvus Lite lets one process at a time open a file. The last index to
    close closes the client and stops a Lite engine (its memory and its file are free again).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[Engine, tuple[Any, int]] = {}

    def acquire(self, engine: Engine) -> Any:
        with self._lock:
            client, users = self._open.get(engine, (None, 0))
            if client is None:
                client = _connect(engine)
            self._open[engine] = (client, users + 1)
            return client

    def release(self, engine: Engine) -> None:
        with self._lock:
            client, users = self._open[engine]
            if users > 1:
                self._open[engine] = (client, users - 1)
            else:
                del self._open[engine]
                client.close()
                if engine.local:  # closing the client leaves the engine running
                    from milvus_lite.server_manager import server_manager_instance

                    server_manager_instance.release_server(engine.uri)


CLIENTS = _Clients()


def _quiet_lite(record: logging.LogRecord) -> bool:
    """Milvus Lite gives iterators no server timestamp; pymilvus warns of each, harmlessly."""
    return "failed to get mvccTs" not in record.getMessage()


logging.getLogger("pymilvus.orm.iterator").addFilter(_quiet_lite)


def _connect(engine: Engine) -> Any:
    from pymilvus import MilvusClient

    with warnings.catch_warnings():  # milvus-lite 2.5 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        try:
            return MilvusClient(engine.uri, token=engine.token)
        except Exception as error:  # pymilvus raises its own exception types for any failure
            raise PkgraphError(f"search engine {engine.uri}: cannot connect ({error})") from error


def description(model_id: str, dimension: int) -> str:
    """What a passages collection records about itself, compared when it is opened again."""
    return json.dumps({"pkgraph_format": FORMAT, "model": model_id, "dimension": dimension})


def _bm25_index(index_params: Any, field: str, parameters: tuple[float, float]) -> None:
    k1, b = parameters
    index_params.add_index(
        field,
        index_type="SPARSE_INVERTED_INDEX",
        metric_type="BM25",
        params={"bm25_k1": k1, "bm25_b": b},
    )


def _text_field(schema: Any, name: str, analysed: bool) -> None:
    from pymilvus import DataType

    analyzer = {"enable_analyzer": True, "analyzer_params": {"tokenizer": "whitespace"}}
    schema.add_field(
        name, DataType.VARCHAR, max_length=MAX_VARCHAR, **(analyzer if analysed else {})
    )


def _bm25_function(schema: Any, source: str, target: str) -> None:
    from pymilvus import DataType, Function, FunctionType

    schema.add_field(target, DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(
        Function(
            name=f"{target}_bm25",
            function_type=FunctionType.BM25,
            input_field_names=[source],
            output_field_names=[target],
        )
    )


def create_collections(
    client: Any, name: str, engine: Engine, model_id: str, dimension: int
) -> None:
    """Create the passages and the documents collection (and load them)."""
    from pymilvus import DataType

    passages = client.create_schema(auto_id=False, description=description(model_id, dimension))
    passages.add_field("passage_id", DataType.VARCHAR, is_primary=True, max_length=_ID_LENGTH)
    passages.add_field("doc_id", DataType.VARCHAR, max_length=_ID_LENGTH)
    _text_field(passages, "text", analysed=False)
    _text_field(passages, "entities", analysed=False)
    passages.add_field("dense", DataType.FLOAT_VECTOR, dim=dimension)
    index = client.prepare_index_params()
    index.add_index("doc_id", index_type="INVERTED")
    if engine.local:
        index.add_index("dense", index_type="FLAT", metric_type="IP")
    else:
        index.add_index(
            "dense",
            index_type="HNSW",
            metric_type="IP",
            params={"M": HNSW_NEIGHBOURS, "efConstruction": HNSW_EF_CONSTRUCTION},
        )
    for source, (target, parameters) in PASSAGE_BM25.items():
        _text_field(passages, source, analysed=True)
        _bm25_function(passages, source, target)
        _bm25_index(index, target, parameters)
    client.create_collection(
        name, schema=passages, index_params=index, consistency_level="Strong", num_shards=1
    )
    documents = client.create_schema(auto_id=False)
    documents.add_field("doc_id", DataType.VARCHAR, is_primary=True, max_length=_ID_LENGTH)
    _text_field(documents, "tokens", analysed=True)
    _bm25_function(documents, "tokens", "bm25")
    doc_index = client.prepare_index_params()
    _bm25_index(doc_index, "bm25", DOCUMENTS_BM25)
    client.create_collection(
        documents_collection(name),
        schema=documents,
        index_params=doc_index,
        consistency_level="Strong",
        num_shards=1,
    )


def documents_collection(name: str) -> str:
    return f"{name}_documents"


def dense_search_params(engine: Engine, limit: int) -> dict[str, Any]:
    if engine.local:
        return {"metric_type": "IP"}
    return {"metric_type": "IP", "params": {"ef": max(HNSW_EF_SEARCH, limit)}}


def in_list(field: str, values: Iterable[str]) -> str:
    """A filter expression ``field in [...]`` with every value quoted as a string literal.

    Quotes and backslashes are escaped; control characters, which no pkgraph id
    holds, would not match.
    """
    quoted = ",".join(json.dumps(v, ensure_ascii=False) for v in values)
    return f"{field} in [{quoted}]"


def fit(text: str, limit: int = MAX_VARCHAR) -> str:
    """``text`` cut at the last space that keeps it within ``limit`` UTF-8 bytes.

    Only the documents channel's text of a very long document reaches the limit (its
    passages' tokens, joined); its BM25 then sees the document's first 64 KB of tokens.
    """
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    cut = encoded[:limit].decode("utf-8", errors="ignore")
    return cut[: cut.rfind(" ")] if " " in cut else cut
