"""Assessment latency: a firm profile served in every jurisdiction of the atlas.

Measures, on the bundled rulebook:
- cold: the first `assess()` in a fresh process with the atlas already open (it loads the
  provisions, conditions and classification rules from the store once);
- warm: later calls, on the same day and on a different as-of date each time;
- the whole CLI process `regatlas assess PROFILE --json` (start-up included), for the all-markets
  profile and for each example profile.

The table goes to the "Assessment latency" section of benchmarks/RESULTS.md (other sections are
kept as they are). Targets: under 50 ms warm, under 1 s for the CLI process.

    .venv/bin/python benchmarks/assess.py [--repeat 30] [--results benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from results import replace_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DAY = dt.date(2026, 11, 25)
SECTION = "Assessment latency"


def all_markets_profile(codes: list[str]) -> dict:
    """An exchange-custodian-issuer serving every jurisdiction, with four kinds of token."""
    return {
        "name": "All-markets benchmark firm",
        "activities": ["exchange", "custody", "transfer", "brokerage", "staking", "stablecoin_issuance"],
        "entities": [{"id": "bench-de", "name": "Bench GmbH", "jurisdiction": "DE", "licences": [
            {"provision": "eu-mica-art59-casp-authorisation", "jurisdiction": "DE"}]}],
        "tokens": [
            {"symbol": "BTC", "means_of_payment": True, "issuer_identifiable": False},
            {"symbol": "USDB", "issued_by_firm": True, "peg": "single_fiat", "peg_currencies": ["USD"],
             "redeemable_at_par": True, "means_of_payment": True},
            {"symbol": "GOV", "governance_rights": True, "sold_to_raise_funds": True, "yield_bearing": True},
            {"symbol": "BOND", "debt_claim": True},
        ],
        "markets": [{"jurisdiction": c, "clients": ["retail", "professional"]} for c in codes],
        "volumes": {"customers": 1000000, "tokens_outstanding": {"amount": 1e9, "currency": "USD"}},
    }


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def stats(samples: list[float]) -> tuple[float, float]:
    return min(samples), statistics.median(samples)


def cli(path: Path, repeat: int) -> tuple[float, float]:
    cmd = [str(ROOT / ".venv" / "bin" / "regatlas"), "assess", str(path), "--json", "--as-of", DAY.isoformat()]
    subprocess.run(cmd, check=True, capture_output=True)  # make sure the store is built
    return stats([timed(lambda: subprocess.run(cmd, check=True, capture_output=True)) for _ in range(repeat)])


def section(rows: list[tuple[str, str, str]], jurisdictions: int, version: str, repeat: int,
            warm_ms: float, cli_s: float) -> str:
    lines = [f"## {SECTION}", "",
             (f"Bundled rulebook {version}: one profile served in all {jurisdictions} jurisdictions (4 tokens, "
              f"6 activities), as of {DAY}; {repeat} runs each; Python {platform.python_version()} on "
              f"{platform.machine()}, measured {dt.date.today()} with `benchmarks/assess.py`."), "",
             "| measurement | best | median |", "|---|---:|---:|"]
    lines += [f"| {name} | {best} | {median} |" for name, best, median in rows]
    lines += ["", (f"Targets: under 50 ms warm - {'met' if warm_ms < 50 else 'NOT met'} (median {warm_ms:.1f} ms); "
                   f"under 1 s for the CLI process - {'met' if cli_s < 1 else 'NOT met'} (median {cli_s:.2f} s, "
                   f"all-markets profile)."), ""]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--cli-repeat", type=int, default=5)
    p.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = p.parse_args()

    from regatlas.engines.assess.engine import assess
    from regatlas.engines.assess.profile_io import parse_profile
    from regatlas.store.atlas import open_atlas

    atlas = open_atlas()
    codes = [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions ORDER BY code")]
    text = yaml.safe_dump(all_markets_profile(codes), sort_keys=False)
    firm = parse_profile(text, "all-markets.yaml", atlas)
    cold = timed(lambda: assess(atlas, firm, DAY))
    same = [timed(lambda: assess(atlas, firm, DAY)) for _ in range(args.repeat)]
    days = [DAY - dt.timedelta(days=97 * i + 1) for i in range(args.repeat)]
    moving = [timed(lambda d=d: assess(atlas, firm, d)) for d in days]
    parse = [timed(lambda: parse_profile(text, "all-markets.yaml", atlas)) for _ in range(args.repeat)]
    ms = lambda s: f"{s * 1000:.1f} ms"
    rows = [("first assessment in the process (loads the store view)", ms(cold), ms(cold)),
            ("warm, same as-of date", *map(ms, stats(same))),
            ("warm, a different as-of date each run", *map(ms, stats(moving))),
            ("profile parse + reference checks", *map(ms, stats(parse)))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "all-markets.yaml"
        path.write_text(text)
        all_cli = cli(path, args.cli_repeat)
    rows.append(("CLI process `assess --json`, all-markets profile", *(f"{s:.2f} s" for s in all_cli)))
    for example in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
        rows.append((f"CLI process, examples/profiles/{example.name}",
                     *(f"{s:.2f} s" for s in cli(example, args.cli_repeat))))
    warm_ms = max(stats(same)[1], stats(moving)[1]) * 1000
    out = section(rows, len(codes), atlas.version, args.repeat, warm_ms, all_cli[1])
    replace_section(args.results, f"## {SECTION}", out)
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
