"""The bundled examples: firm profiles, reserve reports, transfers, IVMS101 payloads and cases.

They ship inside the package (regatlas/data/examples/; the repository's examples/ links there), so
an installed wheel reads them as a checkout does.

>>> sorted(example_texts("profiles"))[:2]
['ch-custody.yaml', 'defi-frontend.yaml']
>>> example_dir("ivms").joinpath("incomplete_transfer_2020.json").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

#: The example folders, as named in the contract (examples/profiles/, examples/reserves/, ...).
KINDS = ("cases", "ivms", "profiles", "reserves", "transfers")


def example_dir(kind: str) -> Traversable:
    """The folder of one kind of bundled example (one of ``KINDS``).

    >>> example_dir("profiles").name
    'profiles'
    >>> example_dir("nope")
    Traceback (most recent call last):
    ...
    ValueError: unknown kind of example 'nope' (one of cases, ivms, profiles, reserves, transfers)
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of example {kind!r} (one of {', '.join(KINDS)})")
    return files("regatlas").joinpath("data", "examples", kind)


def example_texts(kind: str, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> dict[str, str]:
    """The texts of one folder's examples with these suffixes, by file name, in name order.

    >>> "eu-exchange.yaml" in example_texts("profiles")
    True
    >>> list(example_texts("transfers", (".csv",)))
    ['sample.csv']
    """
    found = (p for p in example_dir(kind).iterdir() if p.is_file() and p.name.endswith(suffixes))
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(found, key=lambda p: p.name)}
