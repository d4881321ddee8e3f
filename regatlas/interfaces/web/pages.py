"""HTML pages over the same engines as the API; every page states rulebook version and date."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib.resources import files
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from regatlas.errors import InputError, NotFound
from regatlas.examples import example_texts
from regatlas.interfaces.api.deps import AsOfQuery, CodePath, day_of
from regatlas.interfaces.labels import human
from regatlas.store import queries
from regatlas.store.analytics_queries import FATF_AS_FACTS

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["human"] = human
MAX_COMPARE = 8


def _worldmap_svg() -> bytes:
    """Country shapes from the pygal_maps_world package (groups classed by alpha-2 code)."""
    return (files("pygal_maps_world") / "worldmap.svg").read_bytes()


def _example_profiles() -> dict[str, str]:
    """The bundled example firm profiles (examples/profiles/, shipped in the package), by file name."""
    return example_texts("profiles", (".yaml", ".yml"))


@cache
def _stablecoin_chart(name: str) -> bytes:
    """A fan or back-test chart of a bundled example, drawn once per process (seed 7): `contagion`
    (examples/reserves/contagion/) or a back-test episode id. NotFound for any other name."""
    import tempfile

    from regatlas.engines.stablecoin import chart
    from regatlas.engines.stablecoin.backtest import backtest, episodes
    from regatlas.engines.stablecoin.contagion import contagion, load_contagion
    from regatlas.examples import example_dir

    if name != "contagion" and name not in episodes():
        raise NotFound(f"no chart '{name}'", field="name")
    with tempfile.TemporaryDirectory() as tmp:
        out = FilePath(tmp) / "chart.svg"
        if name == "contagion":
            scenario = FilePath(str(example_dir("reserves"))) / "contagion" / "scenario.yaml"
            run = contagion(load_contagion(scenario), 5000, 90, 7)
            chart.save_fan_chart(run["issuers"], out, run["name"])
        else:
            chart.save_backtest_chart(backtest(name, 2000, 7), out)
        return out.read_bytes()


def install(app: FastAPI) -> None:
    """Mount static files and register the page routes on `app`."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    svg = _worldmap_svg()

    def page(request: Request, name: str, day: dt.date, **context) -> HTMLResponse:
        memo = request.app.state.memo
        return templates.TemplateResponse(request, name, {
            "rulebook": queries.header(memo.atlas, day), "day": day.isoformat(), **context})

    @app.get("/maps/world.svg", include_in_schema=False)
    def worldmap() -> Response:
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    icon = (HERE / "static" / "favicon.svg").read_bytes()

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, as_of: AsOfQuery = None) -> HTMLResponse:
        day = day_of(as_of)
        rows = request.app.state.memo.jurisdictions(day)["jurisdictions"]
        return page(request, "index.html", day, jurisdictions=rows)

    @app.get("/jurisdictions/{code}", response_class=HTMLResponse, include_in_schema=False)
    def jurisdiction(request: Request, code: CodePath, as_of: AsOfQuery = None) -> HTMLResponse:
        day = day_of(as_of)
        doc = request.app.state.memo.show(code.upper(), day)
        timeline = request.app.state.memo.atlas.rows(
            f"SELECT kind, valid_from, value, source_article FROM ({FATF_AS_FACTS}) WHERE jurisdiction = ? "
            "ORDER BY valid_from", [code.upper()])  # FATF listings from the plenaries, with the facts
        return page(request, "jurisdiction.html", day, j=doc, timeline=timeline)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare(request: Request, as_of: AsOfQuery = None,
                codes: Annotated[str, Query(max_length=200, pattern=r"^[A-Za-z0-9,\- ]*$")] = "EU,GB,SG,HK,AE-DU") -> HTMLResponse:
        day = day_of(as_of)
        memo = request.app.state.memo
        docs, unknown, left_out = [], [], []
        for code in dict.fromkeys(c.strip().upper() for c in codes.split(",") if c.strip()):
            if len(docs) == MAX_COMPARE:
                left_out.append(code)
                continue
            try:
                docs.append(memo.show(code, day))
            except InputError:
                unknown.append(code)
        every = memo.jurisdictions(day)["jurisdictions"]
        return page(request, "compare.html", day, docs=docs, codes=",".join(d["code"] for d in docs),
                    every=every, unknown=unknown, left_out=left_out, max_compare=MAX_COMPARE)

    @app.get("/travel-rule", response_class=HTMLResponse, include_in_schema=False)
    def travel(request: Request, as_of: AsOfQuery = None) -> HTMLResponse:
        day = day_of(as_of)
        every = request.app.state.memo.jurisdictions(day)["jurisdictions"]
        return page(request, "travel.html", day, every=every)

    @app.get("/assess", response_class=HTMLResponse, include_in_schema=False)
    def assess(request: Request, as_of: AsOfQuery = None) -> HTMLResponse:
        day = day_of(as_of)
        examples = _example_profiles()
        return page(request, "assess.html", day, examples=list(examples),
                    first_profile=next(iter(examples.values()), ""),
                    examples_json=json.dumps(examples).replace("</", "<\\/"))

    @app.get("/firms", response_class=HTMLResponse, include_in_schema=False)
    def firms(request: Request, as_of: AsOfQuery = None,
              q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
        from regatlas.registers.ask import firm_search

        day = day_of(as_of)
        doc = firm_search(q, day, request.app.state.memo.atlas) if q.strip() else None
        return page(request, "firms.html", day, q=q, doc=doc)

    @app.get("/firms/{lei}", response_class=HTMLResponse, include_in_schema=False)
    def firm(request: Request, lei: Annotated[str, Path(max_length=40)], as_of: AsOfQuery = None) -> HTMLResponse:
        from regatlas.registers.ask import firm_show

        day = day_of(as_of)
        return page(request, "firm.html", day, doc=firm_show(lei, day, request.app.state.memo.atlas))

    @app.get("/overlap", response_class=HTMLResponse, include_in_schema=False)
    def competence(request: Request, as_of: AsOfQuery = None,
                   jurisdiction: Annotated[str, Query(max_length=11, pattern=r"^[A-Za-z0-9-]*$")] = "US",
                   activity: Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")] = "") -> HTMLResponse:
        from regatlas.engines.analytics.overlap import overlap

        day = day_of(as_of)
        doc = overlap(request.app.state.memo.atlas, day, jurisdiction or None, activity or None)
        return page(request, "overlap.html", day, doc=doc, jurisdiction=jurisdiction, activity=activity)

    @app.get("/agreements", response_class=HTMLResponse, include_in_schema=False)
    def agreements(request: Request, as_of: AsOfQuery = None,
                   party: Annotated[str, Query(max_length=11, pattern=r"^[A-Za-z0-9-]*$")] = "",
                   kind: Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")] = "",
                   q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
        from regatlas.engines.analytics.agreements import KINDS
        from regatlas.engines.analytics.agreements import agreements as run

        day = day_of(as_of)
        doc = run(request.app.state.memo.atlas, day, party or None, kind or None, q.strip() or None)
        return page(request, "agreements.html", day, doc=doc, party=party, kind=kind, q=q, kinds=KINDS)

    @app.get("/stablecoins", response_class=HTMLResponse, include_in_schema=False)
    def stablecoins(request: Request, as_of: AsOfQuery = None) -> HTMLResponse:
        from regatlas.engines.stablecoin.backtest import episodes

        return page(request, "stablecoins.html", day_of(as_of), episodes=episodes())

    @app.get("/stablecoins/charts/{name}.svg", include_in_schema=False)
    def stablecoin_chart(name: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9-]+$")]) -> Response:
        return Response(_stablecoin_chart(name), media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=3600"})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, as_of: AsOfQuery = None,
               q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
        day = day_of(as_of)
        hits = queries.search(request.app.state.memo.atlas, q, day, 50)["results"] if q.strip() else []
        return page(request, "search.html", day, q=q, hits=hits)
