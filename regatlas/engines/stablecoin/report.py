"""Read a reserve report from YAML, JSON or CSV into `ReserveReport`, naming file, line and field
of anything malformed (InputError, exit 2).

CSV: one holding per row (columns are `Holding` fields); report-level fields go in leading
`# key: value` lines, dotted for nested ones (`# redemption.deadline_days: 2`).

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
>>> _ = p.write_text("# outstanding: 100\\n# currency: USD\\nasset_class,value,regulated\\n"
...                  "bank_deposit,100,true\\n")
>>> r = load_report(p)
>>> r.outstanding, r.holdings[0].regulated
(100.0, True)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from regatlas.errors import InputError, RegatlasError
from regatlas.model.stablecoin import ReserveReport
from regatlas.rulebook.yamlpos import load_text
from regatlas.untrusted.files import parse_document, read_text
from regatlas.untrusted.jsontext import loads

SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".jsonl")


def _raise(exc: ValidationError, file: str, where: Any) -> None:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    field = ".".join(str(p) for p in loc) or None
    line, column = where(loc)
    message = f"unknown field '{loc[-1]}'" if err["type"] == "extra_forbidden" else err["msg"]
    raise InputError(message, file=file, line=line, column=column, field=field) from None


def parse_mapping(raw: Any, file: str, where: Any = lambda loc: (None, None)) -> ReserveReport:
    """Validate one report mapping; `where(loc)` gives (line, column) for an error location."""
    if not isinstance(raw, dict):
        line, column = where(())
        raise InputError("a reserve report must be a mapping of fields", file=file, line=line,
                         column=column)
    try:
        return ReserveReport.model_validate(raw)
    except ValidationError as exc:
        _raise(exc, file, where)
    raise AssertionError  # unreachable: _raise always raises


def _from_document(text: str, file: str, kind: str) -> ReserveReport:
    doc = parse_document(text, file, kind)
    return parse_mapping(doc.value, file, lambda loc: doc.position(loc))


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        *parents, last = str(key).split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def _from_csv(text: str, file: str) -> ReserveReport:
    lines = text.splitlines()
    head = [ln[1:] for ln in lines if ln.startswith("#")]
    body = [ln for ln in lines if not ln.startswith("#")]
    meta_lines = len(head)
    try:
        meta = load_text("\n".join(head), file).value or {}
    except RegatlasError as exc:
        raise InputError(f"malformed '# key: value' header: {exc.message}", file=file,
                         line=exc.location.line) from None
    if not isinstance(meta, dict):
        raise InputError("header lines must be '# key: value'", file=file, line=1)
    reader = csv.DictReader(io.StringIO("\n".join(body)))
    if not reader.fieldnames or "asset_class" not in reader.fieldnames:
        raise InputError("CSV needs a header row with at least asset_class and value columns",
                         file=file, line=meta_lines + 1, field="asset_class")
    holdings, rows = [], []
    for row in reader:
        clean = {k: _scalar(v) for k, v in row.items() if k and v not in (None, "")}
        if None in row:
            raise InputError("more values than header columns", file=file,
                             line=meta_lines + reader.line_num)
        holdings.append(clean)
        rows.append(meta_lines + reader.line_num)
    raw = _nest(meta)
    raw["holdings"] = holdings

    def where(loc: tuple) -> tuple[int | None, int | None]:
        if len(loc) >= 2 and loc[0] == "holdings" and isinstance(loc[1], int):
            return rows[loc[1]], None
        return 1, None
    return parse_mapping(raw, file, where)


def _scalar(value: str) -> Any:
    """CSV cells: booleans and ISO dates as YAML reads them, numbers as numbers."""
    try:
        parsed = load_text(value, "cell").value
    except RegatlasError:
        return value
    return parsed if isinstance(parsed, (bool, int, float)) or hasattr(parsed, "isoformat") else value


def load_report(path: Path) -> ReserveReport:
    """One reserve report from a .yaml/.yml/.json/.csv file."""
    file = str(path)
    if path.suffix.lower() not in SUFFIXES or path.suffix.lower() == ".jsonl":
        raise InputError(f"unsupported report type '{path.suffix}' (use .yaml, .json or .csv)",
                         file=file)
    text = read_text(path)
    if path.suffix.lower() == ".csv":
        return _from_csv(text, file)
    return _from_document(text, file, "json" if path.suffix.lower() == ".json" else "yaml")


def load_feed(path: Path) -> list[tuple[str, ReserveReport]]:
    """Snapshots from a JSON Lines feed (one report per line, appended over time)."""
    out = []
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = loads(line, str(path))
        except InputError as exc:
            raise InputError(exc.message, file=str(path), line=n, column=exc.location.column,
                             field=exc.location.field) from None
        out.append((f"{path.name}:{n}", parse_mapping(raw, str(path), lambda loc, n=n: (n, None))))
    return out


def load_snapshots(source: Path) -> list[tuple[str, ReserveReport]]:
    """(name, report) for every report file in a directory, or every line of a .jsonl feed."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in SUFFIXES)
        out: list[tuple[str, ReserveReport]] = []
        for p in files:
            out.extend(load_feed(p) if p.suffix.lower() == ".jsonl" else [(p.name, load_report(p))])
        return out
    if source.suffix.lower() == ".jsonl":
        return load_feed(source)
    if source.is_file():
        return [(source.name, load_report(source))]
    raise InputError(f"{source}: no such file or directory", file=str(source))
