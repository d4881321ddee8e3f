"""Charts of the analytics answers, drawn with matplotlib (SVG and PNG), reusable by the web app.

World maps use country shapes that ship offline: Natural Earth 1:110m ("naturalearth_lowres"),
bundled in the pyogrio wheel and read with geopandas. When geopandas or those shapes are missing
the map falls back to a tile grid (one square per jurisdiction). Jurisdictions too small or not a
country (free zones, US states, the EU itself) are listed beside the map, never guessed.

>>> status_colour("in_force")
'#1a9850'
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

STATUS_COLOURS = {"in_force": "#1a9850", "enacted": "#91cf60", "proposed": "#fee08b", "absent": "#d73027",
                  "none": "#d73027", "no data": "#dddddd"}
plt.rcParams.update({"svg.hashsalt": "regatlas", "font.size": 8})
_META = {"svg": {"Date": None}, "png": {}}


def status_colour(status: str) -> str:
    """Colour of a regime status on every chart."""
    return STATUS_COLOURS.get(status, "#dddddd")


def _save(fig: Any, base: Path, formats: tuple[str, ...]) -> list[str]:
    base.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for fmt in formats:
        path = base.with_suffix(f".{fmt}")
        fig.savefig(path, format=fmt, bbox_inches="tight", dpi=130, metadata=_META.get(fmt))
        out.append(str(path))
    plt.close(fig)
    return out


def _shapes() -> Any | None:
    """Natural Earth low-resolution countries shipped with pyogrio, or None when unavailable."""
    try:
        import geopandas as gpd
        import pyogrio
    except ImportError:
        return None
    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.exists():
        return None
    world = gpd.read_file(path)
    # Natural Earth leaves iso_a3 at -99 for a few countries; their names identify them.
    fix = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
    world["iso_a3"] = [fix.get(n, c) for n, c in zip(world["name"], world["iso_a3"])]
    return world[world["continent"] != "Antarctica"]


def _alpha3(code: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return c.alpha_3 if c else None


def world_map(values: dict[str, str | float], title: str, base: Path, categorical: bool = True,
              formats: tuple[str, ...] = ("svg", "png")) -> list[str]:
    """A world map coloured by status (categorical) or score 0-100; returns the files written."""
    world = _shapes()
    if world is None:
        return tile_grid(values, title, base, categorical, formats)
    fig, ax = plt.subplots(figsize=(11, 5.6))
    world.plot(ax=ax, color="#eeeeee", edgecolor="#ffffff", linewidth=0.3)
    by3 = {_alpha3(c): v for c, v in values.items() if _alpha3(c)}
    drawn = world[world["iso_a3"].isin(by3)].copy()
    drawn["value"] = drawn["iso_a3"].map(by3)
    if categorical:
        drawn.plot(ax=ax, color=[status_colour(str(v)) for v in drawn["value"]], edgecolor="#555555",
                   linewidth=0.3)
        cats = [s for s in STATUS_COLOURS if s in {str(v) for v in values.values()}]
        ax.legend(handles=[Patch(color=status_colour(s), label=s.replace("_", " "))
                           for s in cats], loc="lower left", frameon=False)
    else:
        drawn.plot(ax=ax, column="value", cmap="RdYlGn", vmin=0, vmax=100, edgecolor="#555555",
                   linewidth=0.3, legend=True, legend_kwds={"shrink": 0.5, "label": "score (0-100)"})
    shown = set(drawn["iso_a3"])
    hidden = sorted(c for c in values if _alpha3(c) not in shown)
    if hidden:
        items = [f"{c}: {values[c] if categorical else round(float(values[c]))}" for c in hidden]
        rows = [", ".join(items[i:i + 6]) for i in range(0, len(items), 6)]
        ax.text(0.0, -0.02, "Not drawn at this scale or not a country: " + "\n".join(rows),
                transform=ax.transAxes, va="top", fontsize=7)
    ax.set_title(title)
    ax.set_axis_off()
    return _save(fig, base, formats)


def tile_grid(values: dict[str, str | float], title: str, base: Path, categorical: bool = True,
              formats: tuple[str, ...] = ("svg", "png")) -> list[str]:
    """Fallback map: one labelled square per jurisdiction, in code order."""
    codes = sorted(values)
    cols = 9
    fig, ax = plt.subplots(figsize=(cols * 0.9, (len(codes) // cols + 1) * 0.9))
    cmap = plt.get_cmap("RdYlGn")
    for i, code in enumerate(codes):
        v = values[code]
        colour = status_colour(str(v)) if categorical else cmap(float(v) / 100)
        ax.add_patch(plt.Rectangle((i % cols, -(i // cols)), 0.95, 0.95, color=colour))
        ax.text(i % cols + 0.47, -(i // cols) + 0.47, code, ha="center", va="center", fontsize=7)
    ax.set_xlim(0, cols)
    ax.set_ylim(-(len(codes) // cols) - 0.1, 1)
    ax.set_title(title)
    ax.set_axis_off()
    return _save(fig, base, formats)


def alignment_heatmap(doc: dict[str, Any], base: Path, formats: tuple[str, ...] = ("svg", "png")) -> list[str]:
    """Jurisdictions x recommendations, coloured by status, from an `align` answer."""
    statuses = ["absent", "proposed", "enacted", "in_force"]
    recs = [r["id"] for s in doc["standards"] for r in s["recommendations"]]
    rows = doc["jurisdictions"]
    grid = [[statuses.index(c["status"]) for c in j["cells"]] for j in rows]
    fig, ax = plt.subplots(figsize=(max(8, len(recs) * 0.2), max(4, len(rows) * 0.2)))
    ax.imshow(grid, cmap=ListedColormap([status_colour(s) for s in statuses]), vmin=0, vmax=3, aspect="auto")
    ax.set_yticks(range(len(rows)), [f"{j['code']} ({j['score']:.0f})" for j in rows], fontsize=6)
    ax.set_xticks(range(len(recs)), recs, rotation=90, fontsize=5)
    ax.legend(handles=[Patch(color=status_colour(s), label=s.replace("_", " ")) for s in statuses],
              bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    ax.set_title(f"Alignment with international standards, as of {doc['rulebook']['as_of']}")
    return _save(fig, base, formats)


def timeline_chart(doc: dict[str, Any], base: Path, formats: tuple[str, ...] = ("svg", "png")) -> list[str]:
    """A jurisdiction's dated events on a time axis (future dates after the as-of line)."""
    events = doc["history"] + doc["future"]
    lanes = sorted({e.get("topic") or e.get("kind") for e in events})
    fig, ax = plt.subplots(figsize=(11, max(3.0, len(lanes) * 0.28)))
    for e in events:
        lane = lanes.index(e.get("topic") or e.get("kind"))
        colour = status_colour(e.get("change") or e.get("value") or "")
        ax.scatter(e["date"], lane, color=colour, s=22, edgecolor="#333333", linewidth=0.3, zorder=3)
    ax.axvline(dt.date.fromisoformat(doc["rulebook"]["as_of"]), color="#333333", linestyle="--", linewidth=0.8)
    ax.set_yticks(range(len(lanes)), [str(x).replace("_", " ") for x in lanes])
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title(f"{doc['code']}: dated changes (dashed line = {doc['rulebook']['as_of']})")
    return _save(fig, base, formats)


def similarity_chart(doc: dict[str, Any], base: Path, formats: tuple[str, ...] = ("svg", "png")) -> list[str]:
    """Similarity matrix ordered by cluster."""
    idx = [doc["codes"].index(c) for c in doc["order"]]
    m = [[doc["matrix"][i][j] for j in idx] for i in idx]
    fig, ax = plt.subplots(figsize=(8, 7))
    im = ax.imshow(m, cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(len(idx)), doc["order"], rotation=90, fontsize=6)
    ax.set_yticks(range(len(idx)), doc["order"], fontsize=6)
    start = 0
    for c in doc["clusters"]:
        n = len(c["members"])
        if n > 1:
            ax.add_patch(plt.Rectangle((start - 0.5, start - 0.5), n, n, fill=False, edgecolor="white", linewidth=1))
        start += n
    fig.colorbar(im, shrink=0.6, label="cosine similarity")
    ax.set_title(f"Regime similarity and clusters, as of {doc['rulebook']['as_of']}")
    return _save(fig, base, formats)
