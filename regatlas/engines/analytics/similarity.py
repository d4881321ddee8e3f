"""Similarity of jurisdictions over what their law covers, and clusters of similar regimes.

Each jurisdiction (with inherited law) becomes a vector: per topic, the strongest provision status
(in force 1, enacted 0.5, proposed 0.25); per (topic, parameter name), 0.3 where a provision in
force sets that parameter; the crypto status and the Travel Rule and stablecoin statuses one-hot; and the
log10 Travel Rule threshold in EUR. Similarity is the cosine of two vectors. Clusters come from
average-linkage agglomerative clustering on 1 - similarity, cut at `cut` (MiCA states end up
together because they share EU law).

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> doc = similarity(open_atlas(), d.date(2026, 1, 1))
>>> any({"DE", "FR"} <= set(c["members"]) for c in doc["clusters"])
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from typing import Any

import numpy as np

from regatlas.engines.analytics.align import WEIGHTS
from regatlas.errors import InputError
from regatlas.store import analytics_queries as aq
from regatlas.store import queries
from regatlas.store.atlas import Atlas

# Parameter names are many and specific; a lower weight keeps them from drowning the topic profile.
PARAM_WEIGHT = 0.3


def _features(atlas: Atlas, day: dt.date) -> tuple[list[str], list[str], np.ndarray]:
    from regatlas.engines.fx import default_rates

    chains = aq.chains(atlas)
    codes = sorted(chains)
    by_code: dict[str, list[dict]] = {}
    for p in aq.provisions_on(atlas, day):
        by_code.setdefault(p["jurisdiction"], []).append(p)
    rows: dict[str, dict[str, float]] = {}
    rates = default_rates()
    for code in codes:
        f: dict[str, float] = {}
        for p in (p for c in chains[code] for p in by_code.get(c, [])):
            key = f"topic:{p['topic']}"
            f[key] = max(f.get(key, 0.0), WEIGHTS.get(p["status"], 0.0))
            if p["status"] == "in_force":
                for name in p["parameters"]:
                    f[f"param:{p['topic']}:{name}"] = PARAM_WEIGHT
        tr = queries.travel_rule(atlas, code, day)
        sc = queries.fact_summary(atlas, code, "stablecoins", day)
        f[f"crypto:{queries.crypto_status(atlas, code, day).get('value')}"] = 1.0
        f[f"travel_rule:{tr['status']}"] = 1.0
        f[f"stablecoins:{sc['status']}"] = 1.0
        thr = tr.get("threshold")
        if tr["status"] == "in_force" and thr:
            with contextlib.suppress(InputError):  # a currency without a rate just drops the feature
                eur = rates.convert(thr["amount"], thr["currency"], "EUR", day)
                f["travel_rule:log_threshold"] = math.log10(1 + eur) / 4
        rows[code] = f
    names = sorted({k for f in rows.values() for k in f})
    matrix = np.array([[rows[c].get(n, 0.0) for n in names] for c in codes])
    return codes, names, matrix


def cosine(matrix: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity (rows of zeros are similar to nothing but themselves).

    >>> cosine(np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])).round(2).tolist()
    [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    norms = np.linalg.norm(matrix, axis=1)
    safe = np.where(norms == 0, 1.0, norms)
    sim = (matrix / safe[:, None]) @ (matrix / safe[:, None]).T
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


def clusters(sim: np.ndarray, cut: float = 0.35) -> list[list[int]]:
    """Average-linkage agglomerative clusters: merge while the average distance is below `cut`.

    >>> clusters(np.array([[1.0, .9, 0.], [.9, 1.0, 0.], [0., 0., 1.0]]))
    [[0, 1], [2]]
    """
    dist = 1.0 - sim
    groups = [[i] for i in range(len(sim))]
    while len(groups) > 1:
        best, pair = None, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                d = float(dist[np.ix_(groups[a], groups[b])].mean())
                if best is None or d < best:
                    best, pair = d, (a, b)
        if best is None or best > cut or pair is None:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups[b])
        del groups[b]
    return sorted(groups, key=lambda g: (-len(g), g))


def similarity(atlas: Atlas, day: dt.date, cut: float = 0.35) -> dict[str, Any]:
    """Similarity matrix, clusters and each jurisdiction's nearest neighbours on `day`."""
    codes, names, matrix = _features(atlas, day)
    sim = cosine(matrix)
    groups = clusters(sim, cut)
    order = [i for g in groups for i in g]
    out_clusters = [{"id": n + 1, "members": [codes[i] for i in g],
                     "cohesion": round(float(sim[np.ix_(g, g)].mean()), 3)} for n, g in enumerate(groups)]
    nearest = {}
    for i, code in enumerate(codes):
        ranked = sorted((j for j in range(len(codes)) if j != i), key=lambda j: -sim[i, j])[:3]
        nearest[code] = [{"code": codes[j], "similarity": round(float(sim[i, j]), 3)} for j in ranked]
    return {"rulebook": queries.header(atlas, day), "codes": codes, "order": [codes[i] for i in order],
            "features": names, "matrix": [[round(float(x), 3) for x in row] for row in sim],
            "clusters": out_clusters, "nearest": nearest, "cut": cut}
