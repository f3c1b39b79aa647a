"""SPARQL SELECT results as pandas DataFrames, for notebooks and the network module.

Queries may use every prefix of :mod:`pkgraph.graph.vocab` without declaring it.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import pandas as pd

from pkgraph.graph.vocab import sparql_prefixes
from pkgraph.settings import Settings

Row = dict[str, Any]

_PROJECTION = re.compile(r"\bSELECT\s+(.*?)\s*(?:\bFROM\b|\bWHERE\b|\{)", re.I | re.S)
_ALIAS = re.compile(r"\bAS\s+[?$](\w+)\s*$", re.I)
_VARIABLE = re.compile(r"[?$](\w+)")


class SparqlSource(Protocol):
    """Anything that answers a SPARQL SELECT with one dict per solution (a ``GraphStore``)."""

    def select(self, sparql: str) -> list[Row]: ...


def select_rows(source: SparqlSource, query: str) -> list[Row]:
    """Run ``query`` with the pkgraph prefixes declared."""
    return source.select(sparql_prefixes() + query)


def projected_variables(query: str) -> list[str]:
    """The variable names a SELECT projects, in order (empty for ``SELECT *``).

    Used for the columns of an empty result, which carries no variable names itself.
    """
    match = _PROJECTION.search(query)
    if match is None:
        return []
    names: list[str] = []
    depth, expression, outside = 0, "", ""
    for char in match.group(1):
        if char == "(":
            depth += 1
        if depth:
            expression += char
        else:
            outside += char
        if char == ")":
            depth -= 1
            if depth == 0:
                alias = _ALIAS.search(expression[1:-1])
                outside += f" ?{alias.group(1)} " if alias else " "
                expression = ""
    for name in _VARIABLE.findall(outside):
        if name not in names:
            names.append(name)
    return names


def rows_to_dataframe(rows: list[Row], columns: list[str]) -> pd.DataFrame:
    """One row per solution, columns in projection order; unbound values are missing (NA)."""
    names = list(columns)
    for row in rows:
        names.extend(name for name in row if name not in names)
    return pd.DataFrame([[row.get(name) for name in names] for row in rows], columns=names)


def sparql_dataframe(query: str, source: SparqlSource | Settings | None = None) -> pd.DataFrame:
    """Run a SELECT and return its solutions as a DataFrame.

    ``source`` is an open ``GraphStore`` or ``Settings`` (default: ``Settings.from_env()``, so
    ``PKGRAPH_DATA_DIR`` chooses the data); with settings the store is opened read-only for
    the one query.
    """
    columns = projected_variables(query)
    if source is None or isinstance(source, Settings):
        from pkgraph.graph.store import GraphStore

        settings = source or Settings.from_env()
        with GraphStore.open(settings, read_only=True) as store:
            return rows_to_dataframe(select_rows(store, query), columns)
    return rows_to_dataframe(select_rows(source, query), columns)
