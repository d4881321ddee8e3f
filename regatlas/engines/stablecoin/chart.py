"""Stress-test charts: redemption bands against the liquidity ladder and when shortfalls start;
fan charts of token price and solvency for each issuer or scenario of the run model.

The format follows the file suffix (.png or .svg); matplotlib runs headless (Agg).

>>> import pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp()) / "s.svg"
>>> save_chart({"days": 2, "ladder": [1, 2], "redemption_bands": {"p5": [0, 1], "p50": [1, 1],
...     "p95": [1, 3]}, "first_shortfall_histogram": [0, 1], "survival_probability": 0.5,
...     "paths": 2, "seed": 0}, out).exists()
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regatlas.errors import InputError

FORMATS = (".png", ".svg")


def _pyplot(path: Path) -> Any:
    """matplotlib's pyplot, headless, once the chart's format is known to be one we write."""
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"chart must be .png or .svg, not '{path.suffix}'", field="chart")
    from regatlas.extras import require

    matplotlib = require("matplotlib", "charts", "a stress chart")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.tight_layout()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    except OSError as exc:
        raise InputError(f"cannot write chart: {exc}", file=str(path)) from None
    finally:
        plt.close(fig)
    return path


def save_fan_chart(runs: list[dict[str, Any]], path: Path, title: str) -> Path:
    """Token price and solvency fans (p5-p95 and median by day) of each issuer or scenario.

    >>> import pathlib, tempfile
    >>> fan = {"p5": [1.0, 0.9], "p50": [1.0, 0.95], "p95": [1.0, 1.0]}
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "f.svg"
    >>> save_fan_chart([{"name": "A", "price_bands": fan, "solvency_bands": fan}], out, "t").exists()
    True
    """
    plt = _pyplot(path)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7), sharex=True)
    for run in runs:
        for axis, key in ((top, "price_bands"), (bottom, "solvency_bands")):
            bands = run[key]
            days = list(range(1, len(bands["p50"]) + 1))
            line = axis.plot(days, bands["p50"], label=run["name"])[0]
            axis.fill_between(days, bands["p5"], bands["p95"], alpha=0.2, color=line.get_color())
    top.set_ylabel("token price (p5-p95, median)")
    top.set_title(title)
    top.legend(loc="lower left")
    bottom.axhline(1.0, color="black", linewidth=0.8)
    bottom.set_ylabel("reserves at market / tokens")
    bottom.set_xlabel("day")
    return _save(plt, fig, path)


def save_backtest_chart(doc: dict[str, Any], path: Path) -> Path:
    """Observed lows and closes against each reading's modelled median price, by date.

    >>> import pathlib, tempfile
    >>> doc = {"episode": "e", "variants": [{"id": "v"}], "rows": [
    ...     {"date": "2023-03-10", "low": 0.9, "close": 0.95, "model": {"v": 0.97}}]}
    >>> save_backtest_chart(doc, pathlib.Path(tempfile.mkdtemp()) / "b.svg").exists()
    True
    """
    plt = _pyplot(path)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    rows = doc["rows"]
    for key, style in (("low", "v"), ("close", "o")):
        pts = [(r["date"], r[key]) for r in rows if r.get(key) is not None]
        if pts:
            ax.plot(*zip(*pts, strict=True), style, color="black", label=f"observed {key}")
    for v in doc["variants"]:
        pts = [(r["date"], r["model"][v["id"]]) for r in rows if r["model"].get(v["id"]) is not None]
        ax.plot(*zip(*pts, strict=True), label=f"model: {v['id']}")
    ax.set_ylabel("token price (USD)")
    ax.set_title(f"Back-test: {doc['episode']} (model medians vs observed)")
    ax.legend(loc="lower right", fontsize="small")
    ax.tick_params(axis="x", labelrotation=45)
    return _save(plt, fig, path)


def save_chart(answer: dict[str, Any], path: Path, title: str | None = None) -> Path:
    """Write the two-panel figure for a `simulate` answer to `path`."""
    plt = _pyplot(path)
    days = list(range(1, answer["days"] + 1))
    bands = answer["redemption_bands"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
    top.fill_between(days, bands["p5"], bands["p95"], alpha=0.25, label="redemptions p5-p95")
    top.plot(days, bands["p50"], label="redemptions median")
    top.step(days, answer["ladder"], where="post", color="black", label="cash available")
    top.set_ylabel("cumulative amount")
    top.set_title(title or f"Redemption-run stress: survival {answer['survival_probability']:.1%} "
                  f"({answer['paths']:,} paths, seed {answer['seed']})")
    top.legend(loc="upper left")
    bottom.bar(days, answer["first_shortfall_histogram"], color="tab:red")
    bottom.set_ylabel("first shortfalls")
    bottom.set_xlabel("day")
    return _save(plt, fig, path)
