"""What a SPARQL request is, read from its text without a parser: its syntax with strings,
IRIs and comments blanked out, and the keyword it starts with (a remote store must be asked
for the result format that fits the query form, and the read-only endpoint refuses updates)."""

from __future__ import annotations

import re

# Strings, IRIs and comments, so that keywords are looked for only in the query's own syntax.
_OPAQUE = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'(?:[^'\\\n\r]|\\.)*'"""
    r'''|"(?:[^"\\\n\r]|\\.)*"'''
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|\#[^\n\r]*""",
    re.DOTALL,
)
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<>|PREFIX\s+[^\s:]*:\s*<>)\s*)*", re.IGNORECASE)
_KEYWORD = re.compile(r"[A-Za-z]+")


def query_syntax(query: str) -> str:
    """The query with strings, IRIs and comments blanked out (``""``, ``<>``, space)."""
    unescaped = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)

    def blank(match: re.Match[str]) -> str:
        opener = match.group(0)[0]
        return {"<": "<>", "#": " "}.get(opener, '""')

    return _OPAQUE.sub(blank, unescaped)


def leading_keyword(query: str) -> str:
    """The first keyword after the prologue, upper-cased (SELECT, ASK, INSERT, ...; "" if none)."""
    syntax = query_syntax(query)
    prologue = _PROLOGUE.match(syntax)
    match = _KEYWORD.match(syntax, prologue.end() if prologue else 0)
    return match.group(0).upper() if match else ""
