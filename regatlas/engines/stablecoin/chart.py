"""Stress-test chart: redemption bands against the liquidity ladder, and when shortfalls start.

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


def save_chart(answer: dict[str, Any], path: Path, title: str | None = None) -> Path:
    """Write the two-panel figure for a `simulate` answer to `path`."""
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"chart must be .png or .svg, not '{path.suffix}'", field="chart")
    from regatlas.extras import require

    matplotlib = require("matplotlib", "charts", "a stress chart")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
    fig.tight_layout()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    except OSError as exc:
        raise InputError(f"cannot write chart: {exc}", file=str(path)) from None
    finally:
        plt.close(fig)
    return path
