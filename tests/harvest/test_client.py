"""Politeness and robustness of the HTTP client against a real loopback server: 503 with
Retry-After, slow answers (timeouts), lasting 5xx, the request rate; and a whole harvest over a
flaky server."""

from __future__ import annotations

import email.utils
import time
from dataclasses import replace

import pytest

from pkgraph.harvest.client import HarvestError, OParlClient, retry_after_seconds
from pkgraph.settings import Settings
from tests.harvest.helpers import harvest, snapshot
from tests.harvest.server import Fault, OParlServer

SYSTEM = "huertgenwald/system"


def test_503_with_retry_after_is_waited_out(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    oparl_server.fail_next(SYSTEM, 1, Fault(503, retry_after="1"))
    with OParlClient(harvest_settings) as client:
        started = time.monotonic()
        system = client.get_json(oparl_server.url(SYSTEM))
        waited = time.monotonic() - started
    assert system["name"] == "SD.NET RIM"
    assert client.retries == 1 and waited >= 1.0  # the back-off alone would be 0.01 s


def test_a_slow_answer_times_out_and_is_asked_again(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    oparl_server.fail_next(SYSTEM, 1, Fault(status=200, delay=1.0))
    with OParlClient(replace(harvest_settings, harvest_timeout_s=0.3)) as client:
        assert client.get_json(oparl_server.url(SYSTEM))["name"] == "SD.NET RIM"
    assert client.retries == 1


def test_lasting_failures_end_in_an_error_naming_the_url(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    oparl_server.break_path(SYSTEM)
    with OParlClient(harvest_settings) as client, pytest.raises(HarvestError) as caught:
        client.get_json(oparl_server.url(SYSTEM))
    assert caught.value.url == oparl_server.url(SYSTEM)
    assert caught.value.reason == "HTTP 500 after 3 attempt(s)"
    assert len(oparl_server.requests_to(SYSTEM)) == 3


def test_the_request_rate_is_kept(oparl_server: OParlServer, harvest_settings: Settings) -> None:
    with OParlClient(replace(harvest_settings, harvest_rate=20.0)) as client:
        started = time.monotonic()
        for _ in range(6):
            client.get(oparl_server.url(SYSTEM))
        elapsed = time.monotonic() - started
    assert elapsed >= 5 / 20.0


def test_retry_after_as_an_http_date() -> None:
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    seconds = retry_after_seconds(in_a_minute)
    assert seconds is not None and 55 <= seconds <= 60
    assert retry_after_seconds("soon") is None and retry_after_seconds("7") == 7.0


def test_a_harvest_over_a_flaky_slow_server_stores_the_same(
    oparl_server: OParlServer, harvest_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    clean = replace(harvest_settings, data_dir=tmp_path_factory.mktemp("clean"))
    harvest(oparl_server, "huertgenwald", clean)
    oparl_server.fail_next("huertgenwald/body/1/paper?page=2", 2, Fault(503, retry_after="0"))
    oparl_server.fail_next("huertgenwald/body/1/meeting", 1, Fault(502))
    oparl_server.fail_next("huertgenwald/body/1/person?page=2", 1, Fault(200, delay=0.8))

    report = harvest(oparl_server, "huertgenwald", replace(harvest_settings, harvest_timeout_s=0.4))

    assert report.complete and report.retries == 4
    assert snapshot(harvest_settings) == snapshot(clean)
