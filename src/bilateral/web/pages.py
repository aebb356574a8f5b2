"""The HTML pages: home (the dyad picker), the dyad's brief, compare,
partners, check, sources, and the API docs.

Every page is a Jinja2 template with autoescaping on; a value from the
client reaches a page only after :mod:`.validation`, and then only as
escaped text. Charts travel as Vega-Lite specs in ``<script
type="application/json">`` blocks (data, never run) that
``static/js/charts.js`` hands to vega-embed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from bilateral.measures.catalog import DIMENSIONS
from bilateral.report import names
from bilateral.web import check as checker
from bilateral.web import data
from bilateral.web.deps import cursor
from bilateral.web.validation import (LIMITS, MAX_NAME, YEARS, InvalidInput, check_text, decode_upload, name_list,
                                      resolve_state, year_span)

router = APIRouter(include_in_schema=False)
Con = Depends(cursor)
Name = Annotated[str | None, Query(max_length=MAX_NAME)]
Year = Annotated[int | None, Query(ge=YEARS[0], le=YEARS[1])]
DIMENSION_CHOICES = ("composite", *DIMENSIONS)


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    page = request.app.state.templates.get_template(template).render(request=request, vendor_missing=request.app.state.vendor_missing, **context)
    return HTMLResponse(page, status_code=status)


def code(state) -> str:
    """The shortest unambiguous handle for URLs: ISO3, else the COW number."""
    return state.iso3 or str(state.ccode)


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return render(request, "home.html", title="Pick two states")


@router.get("/dyad")
def dyad_form(a: Name = None, b: Name = None, con=Con):
    """The picker's form: resolve both names and go to the dyad's page."""
    first, second = data.pair(con, a or "", b or "", None)
    return RedirectResponse(f"/dyad/{code(first)}/{code(second)}", status_code=303)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str, start: Year = None, end: Year = None, con=Con):
    years = year_span(start, end)
    first, second = data.pair(con, a, b, years)
    key = ("dyad-page", first.ccode, second.ccode, years, tuple(request.app.state.vendor_missing))
    return HTMLResponse(request.app.state.memo.get(key, lambda: _dyad_page(request, con, a, b, years)))


def _dyad_page(request: Request, con, a: str, b: str, years: tuple[int, int] | None) -> str:
    brief = data.brief(request, con, a, b, years)
    out = brief.to_dict()
    for section in out["sections"]:
        section["groups"] = grouped(section)
    return render(request, "dyad.html", title=f"{brief.a.name} and {brief.b.name}", brief=out, names_note=names.note(brief),
                  citations={s["id"]: s for s in out["sources"]},
                  a=code_of(brief.a), b=code_of(brief.b), custom=years is not None, first_year=YEARS[0],
                  last_year=date.today().year).body.decode()


def grouped(section: dict) -> list[dict]:
    """A section's sentences, charts and tables by topic, in order of first
    appearance, untopical first (as :meth:`bilateral.report.model.Section.groups`)."""
    kinds = ("sentences", "charts", "tables")
    topics: list[str | None] = [None]
    for kind in kinds:
        for item in section[kind]:
            if item.get("topic") not in topics:
                topics.append(item.get("topic"))
    groups = [{"topic": t, **{k: [i for i in section[k] if i.get("topic") == t] for k in kinds}} for t in topics]
    return [g for g in groups if any(g[k] for k in kinds)]


def code_of(party) -> str:
    return party.iso3 or str(party.ccode)


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, a: Name = None, b: Name = None, region: Annotated[str | None, Query(max_length=80)] = None,
            peers: Annotated[str | None, Query(max_length=1000)] = None, dimension: str = "composite",
            start: Year = None, end: Year = None, con=Con):
    """Peers (A with B and B's region) or one state across a region."""
    regions = request.app.state.memo.get("regions", lambda: data.regions(con))
    context = {"title": "Compare", "regions": regions, "dimensions": DIMENSION_CHOICES, "form": {
        "a": a or "", "b": b or "", "region": region or "", "peers": peers or "", "dimension": dimension}}
    if dimension not in DIMENSION_CHOICES:
        raise InvalidInput("dimension", f"unknown dimension; choose one of {', '.join(DIMENSION_CHOICES)}.")
    years = year_span(start, end)
    if a and region:
        state = resolve_state(con, a, "a", years[1] if years else None)
        found = data.region_scores(con, state, region, dimension, years)
        context["region_result"] = found
        context["figure"] = _region_chart(found) if found["rows"] else None
    elif a and b:
        first, second = data.pair(con, a, b, years)
        when = years[1] if years else None
        peer_codes = [resolve_state(con, p, "peers", when).ccode for p in name_list(peers, "peers") or []] or None
        from bilateral.explain import explain

        found = explain(con, first.ccode, second.ccode, peers=peer_codes, years=years, parts=("peers",))
        context["peers_result"] = found
        context["figure"] = _rank_chart(found)
    elif a or b or region:
        raise InvalidInput("a", "give a and b to compare B with its peers, or a and region to see A across a region.")
    return render(request, "compare.html", **context)


def _region_chart(found: dict) -> dict:
    from bilateral.report import charts

    frame = pd.DataFrame(found["rows"]).rename(columns={"score": "value", "partner_name": "partner"})
    years = (int(frame["year"].min()), int(frame["year"].max()))
    what = "composite index" if found["dimension"] == "composite" else f"{found['dimension']} score"
    chart = charts.line("region", f"{found['a']['name']} and each state of {found['region']}",
                        f"Source: bilateral index (out_index), {what}, 0–100.", frame[["year", "value", "partner"]],
                        f"{what} (0–100)", years, series="partner")
    return chart.to_dict()


def _rank_chart(found: dict) -> dict | None:
    from bilateral.report import charts
    from bilateral.wording import possessive

    composite = found.get("peers", {}).get("by_score", {}).get("composite")
    if not composite or not composite.get("ranks"):
        return None
    frame = pd.DataFrame(composite["ranks"])
    frame = frame.rename(columns={"rank": "value"})[["year", "value"]]
    years = (int(frame["year"].min()), int(frame["year"].max()))
    b = found["dyad"]["b"]["name"]
    chart = charts.line("peer-rank", f"{possessive(b)} rank among its peers on the composite",
                        "Source: bilateral index (out_index); 1 = the closest of the set.", frame, "rank (1 = closest)", years,
                        y_domain=(1, max(2, int(frame["value"].max()))), reverse=True)
    return chart.to_dict()


@router.get("/partners", response_class=HTMLResponse)
def partners(request: Request, a: Name = None, dimension: str = "composite", year: Year = None,
             top: Annotated[int, Query(ge=1, le=200)] = 15, con=Con):
    context = {"title": "Partners", "dimensions": DIMENSION_CHOICES, "form": {"a": a or "", "dimension": dimension, "year": year or "", "top": top}}
    if a:
        from bilateral.measures.api import partners as ranked

        if dimension not in DIMENSION_CHOICES:
            raise InvalidInput("dimension", f"unknown dimension; choose one of {', '.join(DIMENSION_CHOICES)}.")
        state = resolve_state(con, a, "a", year)
        frame = ranked(con, state.ccode, dimension=dimension, year=year, top=top)
        score = "composite_index" if dimension == "composite" else f"{dimension}_score"
        context.update(state=data.party(state), score_column=score,
                       rows=[{"rank": r["rank"], "iso3": r["partner_iso3"], "name": r["partner_name"], "year": r["year"], "score": r[score]}
                             for r in frame.to_dict("records")])
    return render(request, "partners.html", **context)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request):
    return render(request, "check.html", title="Check an article", available=checker.available(), limits=LIMITS, form={})


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request, text: Annotated[str, Form(max_length=LIMITS.chars + 1000)] = "",
                       as_of: Annotated[date | None, Form()] = None, file: Annotated[UploadFile | None, File()] = None):
    try:
        if file is not None and file.filename:
            text = decode_upload(await file.read(LIMITS.upload_bytes + 1), file.filename)
        body = check_text(text)
    except InvalidInput as exc:
        return render(request, "check.html", status=400, title="Check an article", available=checker.available(), limits=LIMITS,
                      error=exc.message, form={"text": text[:LIMITS.chars], "as_of": as_of})
    if not checker.available():
        return render(request, "check.html", status=404, title="Check an article", available=False, limits=LIMITS, form={})
    con = request.app.state.con.cursor()
    try:
        result = await run_in_threadpool(checker.run_check, con, body, as_of)
    finally:
        con.close()
    return render(request, "check.html", title="Check an article", available=True, limits=LIMITS, result=result,
                  segments=checker.segments(result), form={"text": body, "as_of": as_of})


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, con=Con):
    return render(request, "sources.html", title="Sources and coverage", sources=request.app.state.memo.get("sources", lambda: data.sources(con)))


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    return render(request, "docs.html", title="API")
