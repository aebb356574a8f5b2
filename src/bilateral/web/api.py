"""The JSON API: the Python API (measures, partners, explain, the brief's
JSON, the claim checker) over HTTP, with its OpenAPI description at
``/api/openapi.json`` and Swagger UI at ``/api/docs``.

Each route validates its parameters (:mod:`.validation`), resolves the
states, and calls the same function the CLI calls; nothing here computes a
figure of its own.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from bilateral.measures.catalog import DIMENSIONS
from bilateral.web import data
from bilateral.web.deps import cursor
from bilateral.web.validation import LIMITS, MAX_NAME, YEARS, check_name, check_text, name_list, resolve_state, year_span

router = APIRouter(prefix="/api", tags=["api"])

Dimension = Literal["composite", *DIMENSIONS]  # type: ignore[valid-type]
Country = Annotated[str, PathParam(min_length=1, max_length=MAX_NAME, description="A name, alias, ISO3 code or COW number.",
                                   examples=["CHN"])]
Start = Annotated[int | None, Query(ge=YEARS[0], le=YEARS[1], description="First year (with end).", examples=[1992])]
End = Annotated[int | None, Query(ge=YEARS[0], le=YEARS[1], description="Last year (with start).", examples=[2020])]
Year = Annotated[int | None, Query(ge=YEARS[0], le=YEARS[1], description="Year (default: the latest with a score).")]
Con = Depends(cursor)


class Error(BaseModel):
    error: str = Field(description="What was wrong and what to send instead.")
    param: str | None = Field(None, description="The parameter at fault.")


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Error, "description": "A parameter failed validation."}}


def cached_json(request: Request, key: tuple, make) -> Response:
    """The JSON of ``make()``, serialised once per key and kept (the warehouse is read-only while the app runs)."""
    body = request.app.state.memo.get(key, lambda: json.dumps(make(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode())
    return Response(body, media_type="application/json")


def records(frame: pd.DataFrame) -> list[dict]:
    """A DataFrame as JSON records: missing values null (never 0), dates ISO."""
    return json.loads(frame.to_json(orient="records", date_format="iso"))


@router.get("/countries", responses=ERRORS, summary="Suggest states for a picker")
def countries(q: Annotated[str, Query(min_length=1, max_length=MAX_NAME, description="The start of a name, alias or code.")],
              limit: Annotated[int, Query(ge=1, le=50)] = 10, con=Con) -> list[dict]:
    """States whose name, alias or code begins with ``q``, best first, with the name or code that matched."""
    return data.complete(con, check_name(q, "q"), limit)


@router.get("/countries/{country}", responses=ERRORS, summary="Resolve a name or code to one state")
def country(country: Country, year: Year = None, con=Con) -> dict:
    """The state a name or code means (in ``year``, if given): COW number, ISO3, name and the other codes."""
    return vars(resolve_state(con, country, "country", year))


@router.get("/measures/{a}/{b}", responses=ERRORS, summary="Every measure of a dyad, one row per year")
def measures(request: Request, a: Country, b: Country, start: Start = None, end: End = None, con=Con) -> dict:
    """Every catalogued measure, the dimension scores, the composite and both ranks (``bilateral measures``)."""
    from bilateral.measures.api import dyad_measures

    years = year_span(start, end)
    first, second = data.pair(con, a, b, years)
    return cached_json(request, ("measures", first.ccode, second.ccode, years), lambda: {
        "a": data.party(first), "b": data.party(second), "rows": records(dyad_measures(con, first.ccode, second.ccode, years=years))})


@router.get("/partners/{a}", responses=ERRORS, summary="A state's partners ranked on one dimension")
def partners(request: Request, a: Country, dimension: Dimension = "composite", year: Year = None,
             top: Annotated[int, Query(ge=1, le=200)] = 10, con=Con) -> dict:
    """A's partners ranked on one dimension's score or the composite, closest first (``bilateral partners``)."""
    from bilateral.measures.api import partners as ranked

    state = resolve_state(con, a, "a", year)
    return cached_json(request, ("partners", state.ccode, dimension, year, top), lambda: {
        "a": data.party(state), "dimension": dimension, "rows": records(ranked(con, state.ccode, dimension=dimension, year=year, top=top))})


@router.get("/explain/{a}/{b}", responses=ERRORS, summary="Why A and B are as close as they are")
def explain(request: Request, a: Country, b: Country, start: Start = None, end: End = None,
            third: Annotated[str | None, Query(max_length=MAX_NAME, description="Third state for the triad.")] = None,
            peers: Annotated[str | None, Query(max_length=1000, description="Comma-separated peers of B, e.g. POL,HUN,SRB.")] = None,
            con=Con) -> dict:
    """Trajectory, third states, blocs, peers and determinants, each with its statements and evidence (``bilateral explain``)."""
    years = year_span(start, end)
    first, second = data.pair(con, a, b, years)
    when = years[1] if years else None
    c = resolve_state(con, third, "third", when) if third else None
    peer_states = [resolve_state(con, p, "peers", when).ccode for p in name_list(peers, "peers") or []] or None
    key = ("explain", first.ccode, second.ccode, c.ccode if c else None, tuple(peer_states or ()), years)
    return cached_json(request, key, lambda: data.explained(con, first.ccode, second.ccode, c.ccode if c else None, peer_states, years))


@router.get("/report/{a}/{b}", responses=ERRORS, summary="The brief as JSON")
def report(request: Request, a: Country, b: Country, start: Start = None, end: End = None, con=Con) -> dict:
    """The brief's JSON (as ``report.json``): sections of sentences with their evidence, charts as Vega-Lite specs, sources."""
    years = year_span(start, end)
    first, second = data.pair(con, a, b, years)
    return cached_json(request, ("report", first.ccode, second.ccode, years), lambda: data.brief(request, con, a, b, years).to_dict())


@router.get("/region/{a}", responses=ERRORS, summary="One state's relations with every state of a region")
def region(request: Request, a: Country, region: Annotated[str, Query(min_length=2, max_length=80, description="A UN region or sub-region, as listed by /api/regions.")],
           dimension: Dimension = "composite", start: Start = None, end: End = None, con=Con) -> dict:
    """A's score with each state of a UN region or sub-region, every year (e.g. China across Eastern Europe)."""
    years = year_span(start, end)
    state = resolve_state(con, a, "a", years[1] if years else None)
    return cached_json(request, ("region", state.ccode, region, dimension, years), lambda: data.region_scores(con, state, region, dimension, years))


@router.get("/regions", summary="UN regions and sub-regions")
def regions(request: Request, con=Con) -> list[dict]:
    """Each UN region with its sub-regions, for /api/region."""
    return request.app.state.memo.get("regions", lambda: data.regions(con))


@router.get("/sources", summary="Sources and their coverage")
def sources(request: Request, con=Con) -> list[dict]:
    """Each source in the warehouse: title, version, coverage, the latest year with data, rows, licence, known gaps."""
    return request.app.state.memo.get("sources", lambda: data.sources(con))


class CheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=LIMITS.chars, description="The text to check: an article, a paragraph.")
    as_of: date | None = Field(None, description="Date the text speaks from (default: inferred from the text).")


@router.post("/check", responses={**ERRORS, 404: {"model": Error, "description": "This build has no claim checker."},
                                  413: {"model": Error, "description": "The request body is larger than the server takes."}},
             summary="Check the claims in a text")
def check(body: CheckRequest, con=Con) -> dict:
    """Every check-worthy claim in the text with its verdict, reason and evidence."""
    from bilateral.web.check import run_check

    return run_check(con, check_text(body.text), body.as_of)
