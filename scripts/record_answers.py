"""Record answers as regatlas gives them at past rulebook versions, so tests/test_known_at.py can
check that `--known-at` gives each one again byte for byte (the SHA-256 of the CLI's JSON output).

Each line of tests/data/known_at/answers.jsonl: the version, the command line and the digest.
Checks are drawn with a fixed seed over corridors, amounts, currencies, dates and counterparty types.

    .venv/bin/python scripts/record_answers.py [--per-version 100]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
from contextlib import redirect_stdout
from pathlib import Path

from regatlas.history.archive import list_versions
from regatlas.interfaces.cli import options
from regatlas.interfaces.cli.entry import build_app, modules_for, take_known_at

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "known_at" / "answers.jsonl"
CODES = ["DE", "FR", "SG", "GB", "US", "US-NY", "CH", "JP", "HK", "AE-DU", "BR", "NG", "KR", "AU", "CA", "ZA"]


def command_lines(rng: random.Random, n: int) -> list[list[str]]:
    """`n` varied travel-rule checks and jurisdiction answers (about one in five a `show`)."""
    out = []
    for _ in range(n):
        day = f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.2:
            out.append(["show", rng.choice(CODES), "--as-of", day, "--json"])
            continue
        a, b = rng.sample(CODES, 2)
        out.append(["travel-rule", "check", "--from", a, "--to", b, "--amount", str(rng.choice([50, 999, 1000, 1500, 3000, 25000])),
                    "--currency", rng.choice(["EUR", "USD", "SGD", "JPY", "GBP"]), "--date", day,
                    "--counterparty", rng.choice(["vasp", "self-hosted"]), "--json"])
    return out


def run(args: list[str]) -> bytes:
    """The CLI's stdout for `args`, in this process."""
    options.KNOWN_AT.clear()
    args = take_known_at(args)
    buf = io.StringIO()
    sys.argv = ["regatlas", *args]
    with redirect_stdout(buf):
        try:
            build_app(modules_for(args))(standalone_mode=False)
        except SystemExit:
            pass
    options.KNOWN_AT.clear()
    return buf.getvalue().encode()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--per-version", type=int, default=100)
    a = p.parse_args()
    readable = [v for v in list_versions() if v["readable"]]
    chosen = [readable[0], readable[len(readable) // 2], readable[-1]]
    rng = random.Random(2026)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as f:
        for v in chosen:
            for line in command_lines(rng, a.per_version):
                args = [*line, "--known-at", v["version"]]
                out = run(args)
                assert json.loads(out)["rulebook"]["version"] == v["version"], args  # a real answer
                digest = hashlib.sha256(out).hexdigest()
                f.write(json.dumps({"version": v["version"], "args": args, "sha256": digest}) + "\n")
    print(f"{3 * a.per_version} answers at versions {', '.join(v['version'] for v in chosen)} -> {OUT}")


if __name__ == "__main__":
    main()
