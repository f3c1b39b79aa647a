"""Walking OParl lists: ``links.next`` paging, ``modified_since`` filtering, the list quirks.

A list is read page by page and each page is handed on at once, so a run that is interrupted
has stored everything up to the page it was on. Quirks of real servers handled here: SD.NET
answers an *empty filtered* list with 404 (and an HTML or error body); Krefeld serves a Body
object where the body list belongs; SessionNet pages name their page parameter ``p`` and may
give relative ``next`` links; a server that drops the filter from its ``next`` links (the spec
forbids that) gets it added back; a ``next`` link seen before ends the list instead of looping.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from pkgraph.harvest.client import HarvestError, OParlClient, parse_json
from pkgraph.harvest.objects import OParlObject, check_object, type_name

SINCE_PARAMETER = "modified_since"


@dataclass
class Page:
    """One list page: its well-formed objects and the errors of the malformed ones."""

    url: str
    number: int
    objects: list[OParlObject] = field(default_factory=list)
    errors: list[HarvestError] = field(default_factory=list)


def with_parameter(url: str, name: str, value: str) -> str:
    """``url`` with the query parameter ``name`` set to ``value`` (others kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _has_parameter(url: str, name: str) -> bool:
    return any(k == name for k, _ in parse_qsl(urlsplit(url).query))


def iter_list(
    client: OParlClient, url: str, expected: str | None, since: str | None = None
) -> Iterator[Page]:
    """Every page of the list at ``url`` (objects of type ``expected``), following ``next``."""
    next_url: str | None = with_parameter(url, SINCE_PARAMETER, since) if since else url
    seen: set[str] = set()
    number = 0
    while next_url and next_url not in seen:
        seen.add(next_url)
        number += 1
        page_url = next_url
        response = client.get(page_url)
        if response.status == 404 and since is not None and number == 1:
            return  # SD.NET: an empty filtered list is a 404 with an error body
        if response.status != 200:
            raise HarvestError(page_url, f"list page: HTTP {response.status}", response.status)
        envelope = parse_json(response.content, page_url)
        page = Page(page_url, number)
        items, next_url = _page_items(envelope, page_url)
        if next_url and since and not _has_parameter(next_url, SINCE_PARAMETER):
            next_url = with_parameter(next_url, SINCE_PARAMETER, since)
        for item in items:
            try:
                page.objects.append(check_object(item, page_url, expected))
            except HarvestError as exc:
                page.errors.append(exc)
        yield page


def _page_items(envelope: Any, url: str) -> tuple[list[Any], str | None]:
    """The ``data`` of a list page and its resolved ``next`` link."""
    if isinstance(envelope, dict) and "data" not in envelope and type_name(envelope):
        return [envelope], None  # one object served where its list was expected (Krefeld)
    if not isinstance(envelope, dict) or not isinstance(envelope.get("data"), list):
        raise HarvestError(url, "not an OParl list page (no 'data' list)")
    links = envelope.get("links")
    link = links.get("next") if isinstance(links, dict) else None
    next_url = urljoin(url, link) if isinstance(link, str) and link.strip() else None
    return list(envelope["data"]), next_url


def fetch_object(client: OParlClient, url: str, expected: str | None = None) -> OParlObject:
    """One object by its URL (a reference the lists did not deliver)."""
    return check_object(client.get_json(url), url, expected)


def bodies_of(client: OParlClient, url: str) -> tuple[OParlObject | None, list[OParlObject]]:
    """The System at ``url`` and its bodies, or (None, [that Body]) for a Body URL."""
    start = check_object(client.get_json(url), url)
    kind = type_name(start)
    if kind == "Body":
        return None, [start]
    if kind != "System":
        raise HarvestError(url, f"expected an OParl System or Body, got {kind}")
    body_list = start.get("body")
    if not isinstance(body_list, str):
        raise HarvestError(url, "System without a 'body' list URL")
    bodies: list[OParlObject] = []
    for page in iter_list(client, body_list, "Body"):
        if page.errors:
            raise page.errors[0]
        bodies.extend(page.objects)
    return start, bodies
