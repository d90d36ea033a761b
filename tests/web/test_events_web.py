"""The event views of the web app: the query layer's rows with sources, one error shape, a page."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from blocs.events import sample_icews_path
from blocs.query import event_dyad_timeline, event_triangle_timeline


def test_dyad_equals_the_query_layer(client: Any) -> None:
    body = client.get("/api/v1/events/dyad?a=CHN&b=RUS").json()
    lib = event_dyad_timeline("CHN", "RUS", events=sample_icews_path(), events_format="icews").table
    assert [r["net_coop"] for r in body["rows"]] == lib["net_coop"].tolist()
    assert [r["events_ab"] for r in body["rows"]] == lib["events_ab"].tolist()
    assert {s["name"] for s in body["sources"]} == {"ICEWS", "cw_system"}
    assert body["query"] == {"a": 710, "b": 365, "years": "2018-2018"}
    assert "net cooperation" in body["columns"]["net_coop"]
    text = client.get("/api/v1/events/dyad?a=CHN&b=RUS&format=csv").text
    assert "# sources: ICEWS" in text
    assert pd.read_csv(io.StringIO(text), comment="#")["net_coop"].tolist() == lib["net_coop"].tolist()


def test_triangle_equals_the_query_layer(client: Any) -> None:
    body = client.get("/api/v1/events/triangle?states=USA,CHN,RUS&min_events=2").json()
    lib = event_triangle_timeline(["USA", "CHN", "RUS"], events=sample_icews_path(), events_format="icews",
                                  min_events=2).table  # fmt: skip
    assert [r["type"] for r in body["rows"]] == lib["type"].tolist() == ["menage_a_trois"]
    assert body["settings"] == {"measure": "net_coop", "threshold": 0.0, "min_events": 2}
    summary = client.get("/api/v1/events").json()
    assert summary["report"]["rows"] == 3705 and summary["rows"][0]["period"] == "2018-06"


def test_errors_have_the_one_shape(client: Any) -> None:
    for url, code, param in (
        ("/api/v1/events/dyad?a=CHN&b=RUS&years=1990", "outside_coverage", "years"),
        ("/api/v1/events/triangle?states=USA,CHN,RUS&threshold=-1", "invalid_parameter", "threshold"),
        ("/api/v1/events/triangle?states=USA,CHN,RUS&measure=tone", "invalid_parameter", "measure"),
        ("/api/v1/events/triangle?states=USA,CHN", "invalid_parameter", "states"),
    ):
        r = client.get(url)
        assert r.status_code == 400, url
        assert r.json()["error"]["code"] == code and r.json()["error"]["param"] == param


def test_page_and_a_server_without_event_files(client: Any) -> None:
    from fastapi.testclient import TestClient

    from blocs.web import create_app

    page = client.get("/events?a=CHN&b=RUS")
    assert page.status_code == 200 and 'id="chart-net"' in page.text and 'id="chart-type"' in page.text
    assert "events.2018.sample.tab" in page.text and "/api/v1/events/dyad?" in page.text
    bare = TestClient(create_app(ideal_point_sessions="40-46"))
    r = bare.get("/api/v1/events/dyad?a=CHN&b=RUS")
    assert r.status_code == 404 and r.json()["error"]["param"] == "events"
    assert "blocs serve --events" in r.json()["error"]["message"]
    assert "blocs serve --events" in bare.get("/events", headers={"accept": "text/html"}).text
    assert client.get("/api/v1/events/dyad?a=CHN&b=RUS").status_code == 200  # the first app keeps its files
