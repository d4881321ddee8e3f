"""`regatlas.Atlas`: the Python face of the atlas, beside the CLI, the REST API and the web app.

Each method calls the same engine function as the CLI command of the same name and returns the
same typed answer model the CLI prints with `--json` (one model, three faces): an answer's
`to_dict()` is the CLI's JSON document.

>>> from regatlas import Atlas
>>> atlas = Atlas.open()
>>> sg = atlas.jurisdiction("SG", as_of="2024-06-01")
>>> sg.code, sg.rulebook.as_of.isoformat()
('SG', '2024-06-01')
>>> atlas.travel_rule_check(frm="DE", to="SG", amount=2000, currency="EUR", date="2025-03-01").required
True
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regatlas.errors import InputError
from regatlas.interfaces.dates import parse_date
from regatlas.interfaces.library.tables import from_arrow, kind_of, to_arrow

if TYPE_CHECKING:  # each answer model is imported when a method first returns it
    from regatlas.model.answers import (
        Agreements,
        Align,
        Assessment,
        Check,
        Classifications,
        Info,
        JurisdictionList,
        Overlap,
        ScreenSummary,
        Show,
        StablecoinCheck,
    )

DateLike = dt.date | str | None


def _typed(model: str, doc: dict[str, Any]) -> Any:
    """`doc` validated into the answer model named `model` (the CLI's --json model for it)."""
    from regatlas.model import answers

    return getattr(answers, model).model_validate(doc)


@dataclass(frozen=True)
class Screened:
    """What `Atlas.screen` returns: the decided rows and the rejected rows (each as the caller's
    table kind) and the summary the CLI prints (`rows_in = rows_decided + rows_rejected`)."""

    decisions: Any
    rejects: Any
    summary: ScreenSummary


class Atlas:
    """The atlas of one rulebook, compiled into the embedded store on first use.

    Open it with `Atlas.open()` (the bundled rulebook) or `Atlas.open(path)`; every answer names
    the rulebook version and the as-of date it was read for.
    """

    def __init__(self, store: Any) -> None:
        self._store = store

    @classmethod
    def open(cls, rulebook: str | Path | None = None, *, home: str | Path | None = None) -> Atlas:
        """The atlas of `rulebook` (default: the bundled one), its store kept under `home`
        (default: $REGATLAS_HOME or the user cache). Building takes about a second the first time.

        >>> Atlas.open("/no/such/dir")
        Traceback (most recent call last):
        ...
        regatlas.errors.InputError: rulebook: /no/such/dir: not a rulebook directory
        """
        from regatlas.store.atlas import open_atlas

        root = Path(rulebook) if rulebook is not None else None
        if root is not None and not root.is_dir():
            raise InputError(f"{root}: not a rulebook directory", field="rulebook")
        return cls(open_atlas(root, Path(home) if home is not None else None))

    @property
    def version(self) -> str:
        """The rulebook's content version (the same in every answer's `rulebook.version`)."""
        return self._store.version

    def __repr__(self) -> str:
        return f"Atlas(version={self.version!r})"

    def info(self, as_of: DateLike = None) -> Info:
        """Counts, coverage and the verified share (`regatlas info --json`)."""
        from regatlas.store import queries

        return _typed("Info", queries.info(self._store, parse_date(as_of, "as_of")))

    def jurisdictions(self, as_of: DateLike = None) -> JurisdictionList:
        """Every jurisdiction with its crypto status on the date (`regatlas jurisdictions --json`)."""
        from regatlas.store import queries

        return _typed("JurisdictionList", queries.jurisdictions(self._store, parse_date(as_of, "as_of")))

    def jurisdiction(self, code: str, as_of: DateLike = None) -> Show:
        """One jurisdiction as the law stood on the date (`regatlas show CODE --json`); an unknown
        code raises `regatlas.NotFound`.

        >>> Atlas.open().jurisdiction("QQ")
        Traceback (most recent call last):
        ...
        regatlas.errors.NotFound: code: unknown jurisdiction 'QQ'
        """
        from regatlas.store import queries

        return _typed("Show", queries.show(self._store, code.strip().upper(), parse_date(as_of, "as_of")))

    def travel_rule_check(self, *, frm: str, to: str, amount: float, currency: str, date: DateLike = None,
                          counterparty: str = "vasp", originator_vasp_lei: str | None = None,
                          beneficiary_vasp_lei: str | None = None) -> Check:
        """Is the Travel Rule triggered on each side of one transfer, which fields, what action
        (`regatlas travel-rule check --json`); a VASP named by LEI also gets its register status."""
        from regatlas.engines.travel_rule.corridor import check

        return _typed("Check", check(self._store, frm.strip().upper(), to.strip().upper(), float(amount),
                                   currency.strip().upper(), parse_date(date, "date"), counterparty.strip().lower(),
                                   vasp_leis={"originator": originator_vasp_lei, "beneficiary": beneficiary_vasp_lei}))

    def _profile(self, profile: str | Path | dict[str, Any]) -> Any:
        """A firm profile from a path, a YAML or JSON text, or a dict, checked as strictly as a file."""
        from regatlas.engines.assess.profile_io import load_profile, parse_profile

        if isinstance(profile, dict):
            return parse_profile(json.dumps(profile, default=str), "<dict>", self._store, "json")
        if isinstance(profile, str) and ("\n" in profile or profile.lstrip().startswith("{")):
            return parse_profile(profile, "<text>", self._store, "yaml")
        return load_profile(Path(profile), self._store)

    def assess(self, profile: str | Path | dict[str, Any], as_of: DateLike = None) -> Assessment:
        """What a firm must do, where and from when (`regatlas assess PROFILE --json`). `profile` is
        a path, a YAML or JSON text, or a dict; it is checked as strictly as a file."""
        from regatlas.engines.assess.engine import assess

        return _typed("Assessment", assess(self._store, self._profile(profile), parse_date(as_of, "as_of")))

    def classify(self, profile: str | Path | dict[str, Any], jurisdictions: list[str] | None = None,
                 as_of: DateLike = None) -> Classifications:
        """Classify the profile's tokens per jurisdiction, factor by factor (`regatlas classify
        PROFILE --json`); default jurisdictions: those the profile is assessed in."""
        from regatlas.engines.classify import classify_profile

        return _typed("Classifications", classify_profile(self._store, self._profile(profile),
                                                          parse_date(as_of, "as_of"), jurisdictions))

    def align(self, standard: str | None = None, as_of: DateLike = None,
              jurisdictions: list[str] | None = None) -> Align:
        """Alignment of jurisdictions with the FSB, IOSCO and FATF standards (`regatlas align --json`)."""
        from regatlas.engines.analytics.align import align

        return _typed("Align", align(self._store, parse_date(as_of, "as_of"), standard, jurisdictions))

    def overlap(self, jurisdiction: str | None = None, activity: str | None = None,
                token_type: str | None = None, as_of: DateLike = None) -> Overlap:
        """Who claims each activity per token type and market (`regatlas overlap --json`).

        >>> from regatlas import Atlas
        >>> cells = Atlas.open().overlap("GB", activity="custody", as_of="2026-01-01").jurisdictions[0].cells
        >>> cells[0].token_type, cells[0].market, cells[0].outcome, cells[0].authorities
        ('payment_token', 'spot', 'single', ['gb-fca'])
        """
        from regatlas.engines.analytics.overlap import overlap

        return _typed("Overlap", overlap(self._store, parse_date(as_of, "as_of"), jurisdiction, activity, token_type))

    def agreements(self, party: str | None = None, kind: str | None = None, text: str | None = None,
                   as_of: DateLike = None) -> Agreements:
        """Agreements, treaties, conventions and programmes (`regatlas agreements --json`).

        >>> from regatlas import Atlas
        >>> "uk-us-transatlantic-taskforce" in [a.id for a in Atlas.open().agreements(party="GB").agreements]
        True
        """
        from regatlas.engines.analytics.agreements import agreements

        return _typed("Agreements", agreements(self._store, parse_date(as_of, "as_of"), party, kind, text))

    def stablecoin_check(self, report: str | Path, regime: str = "all", as_of: DateLike = None) -> StablecoinCheck:
        """Check a reserve report file against one regime or all (`regatlas stablecoin check --json`)."""
        from regatlas.engines.stablecoin.check import check_report
        from regatlas.engines.stablecoin.report import load_report

        path = Path(report)
        return _typed("StablecoinCheck", check_report(self._store, load_report(path), regime.strip(),
                                                    parse_date(as_of, "as_of"), str(path)))

    def screen(self, table: Any, *, as_of: DateLike = None, memory_limit: str | None = None,
               threads: int | None = None, decisions_only: bool = False) -> Screened:
        """Decide the Travel Rule for every transfer of `table` (`regatlas screen`): a path (CSV or
        Parquet), a pandas or Polars DataFrame, a Polars LazyFrame, a PyArrow Table or
        RecordBatchReader, or a DuckDB relation. Decisions and rejects come back as the same kind
        (PyArrow Tables for a path, a reader or a relation). A PySpark DataFrame goes through the
        Spark plan in its own session; its decisions and rejects are Spark DataFrames over Parquet
        files in a temporary folder (`summary.out`, `summary.rejects`), which the caller removes.
        With `decisions_only` the decisions keep only `id` of the input columns.

        >>> import pyarrow as pa
        >>> rows = pa.table({"id": ["t1", "t2"], "timestamp": ["2025-03-01T10:00:00Z"] * 2,
        ...     "originator_jurisdiction": ["DE", "XX"], "beneficiary_jurisdiction": ["SG", "SG"],
        ...     "amount": [2000.0, 5.0], "currency": ["EUR", "EUR"], "counterparty_type": ["vasp"] * 2})
        >>> done = Atlas.open().screen(rows)
        >>> done.summary.rows_decided, done.summary.rows_rejected, done.decisions.num_rows
        (1, 1, 1)
        """
        import pyarrow.parquet as pq

        from regatlas.engines.screen.duckdb_engine import screen

        kind = kind_of(table)
        day = parse_date(as_of, "as_of") if as_of is not None else None
        if kind == "spark":
            return self._screen_spark(table, day, decisions_only)
        with tempfile.TemporaryDirectory(prefix="regatlas-screen-") as tmp:
            source = Path(table) if kind == "path" else Path(tmp) / "in.parquet"
            if kind != "path":
                pq.write_table(to_arrow(table, kind), source)
            out, rejects = Path(tmp) / "decisions.parquet", Path(tmp) / "rejects.parquet"
            result = screen(self._store, source, out, rejects, memory_limit=memory_limit, threads=threads,
                            as_of=day, decisions_only=decisions_only)
            summary = result.as_dict()
            # the files do not outlive the call: the tables are returned in memory
            summary.update(out="Screened.decisions", rejects="Screened.rejects")
            decided, rejected = pq.read_table(out), pq.read_table(rejects)
        return Screened(from_arrow(decided, kind), from_arrow(rejected, kind), _typed("ScreenSummary", summary))

    def _screen_spark(self, frame: Any, day: dt.date | None, decisions_only: bool) -> Screened:
        """A PySpark DataFrame, decided by the Spark plan in the frame's session."""
        from regatlas.engines.screen.spark_engine import screen_frame

        folder = Path(tempfile.mkdtemp(prefix="regatlas-spark-screen-"))  # Spark reads it lazily: kept
        out, rejects = folder / "decisions.parquet", folder / "rejects.parquet"
        result = screen_frame(self._store, frame, out, rejects, as_of=day, single_file=False,
                              decisions_only=decisions_only)
        read = frame.sparkSession.read.parquet
        return Screened(read(str(out)), read(str(rejects)), _typed("ScreenSummary", result.as_dict()))
