"""Reading an official register file as its publisher wrote it, losing nothing without saying so.

ESMA's files are the model of what goes wrong: a byte-order mark, a comma or a semicolon, quoted
addresses over several lines, DD/MM/YYYY dates, `|`-separated lists (and sometimes a letter `I`
instead), Greece as both EL and GR, Windows-1252 bytes, a missing LEI or one of 8 characters. A row
that cannot be read (too few or too many fields, no name) is rejected; a value that cannot be read
is dropped from its row and reported. Every rejected row and dropped value is an `Issue` with the
file's line number, so rows in = loaded + rejected.

>>> from regatlas.registers.formats import load_catalogue
>>> reg = load_catalogue().registers["esma-ncasp"]
>>> head = ",".join(reg.columns.values())
>>> text = head + "\\nCONSOB,IT,Dobibo,,,Dobibo,https://a.it|https://b.it,No,None,12/02/2025,,18/02/2025\\n"
>>> parsed = parse_register(text.encode(), reg, "n.csv")
>>> parsed.records[0]["name"], parsed.records[0]["website"], parsed.records[0]["decided_on"]
('Dobibo', ['https://a.it', 'https://b.it'], datetime.date(2025, 2, 12))
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

import pycountry

from regatlas.errors import InputError
from regatlas.registers.formats import DATE_FIELDS, LIST_FIELDS, Register, load_catalogue
from regatlas.registers.lei import lei_problem

MAX_FILE = 64 * 1024 * 1024
"""The largest register file accepted (ESMA's largest is under 1 MB)."""
MAX_ROWS = 500_000
MAX_FIELD = 256 * 1024
COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}
"""Codes registers use that are not ISO 3166-1 (EU usage: Greece is EL)."""
EEA = frozenset({"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
                 "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO"})
"""The EEA states a MiCA authorisation can reach (27 EU members, Iceland, Liechtenstein, Norway)."""


@dataclass
class Issue:
    """A rejected row (`field` None) or a value dropped from a loaded row, at the file's line."""

    line: int
    field: str | None
    reason: str
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The issue as the rejects report shows it."""
        return {"line": self.line, "field": self.field, "reason": self.reason, "value": self.value[:200]}


@dataclass
class Parsed:
    """One file read against one register definition."""

    register: str
    sha256: str
    encoding: str
    delimiter: str
    rows_in: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Issue] = field(default_factory=list)
    dropped: list[Issue] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (a byte-order mark dropped), else Windows-1252, which decodes any byte
    ESMA's older exports contain.

    >>> decode(b"\\xef\\xbb\\xbfa"), decode(b"\\xef\\xbb\\xbfStra\\xdfe")
    (('a', 'utf-8'), ('Straße', 'windows-1252'))
    """
    data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM may front Windows-1252 bytes too
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def parse_register(data: bytes, register: Register, name: str) -> Parsed:
    """Read `data` (an official file) as `register`; InputError naming the file when its header lacks a
    column the definition needs or the file exceeds the bounds."""
    if len(data) > MAX_FILE:
        raise InputError(f"file is {len(data):,} bytes, more than the {MAX_FILE:,} accepted", file=name)
    text, encoding = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in register.columns.values() if c not in header]
    if missing:
        raise InputError(f"not a {register.id} file: no column {', '.join(map(repr, missing))} in the header "
                         f"(found {', '.join(header[:20])})", file=name, line=1, field=missing[0])
    index = {f: header.index(c) for f, c in register.columns.items()}
    parsed = Parsed(register.id, hashlib.sha256(data).hexdigest(), encoding, delimiter)
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            parsed.rows_in += 1
            if parsed.rows_in > MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS:,} rows", file=name, line=line)
            if len(row) != len(header):
                parsed.rejected.append(Issue(line, None, f"{len(row)} fields, the header has {len(header)}",
                                             delimiter.join(row)))
                continue
            record = _record(row, index, register, line, parsed.dropped)
            if not record.get("name"):
                parsed.rejected.append(Issue(line, register.columns["name"], "no name", delimiter.join(row)))
                continue
            parsed.records.append(record)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV: {exc}", file=name, line=reader.line_num) from None
    return parsed


def _record(row: list[str], index: dict[str, int], register: Register, line: int,
            dropped: list[Issue]) -> dict[str, Any]:
    record: dict[str, Any] = {"line": line}
    for name, i in index.items():
        raw = row[i].strip()
        column = register.columns[name]  # type: ignore[index]
        if name in DATE_FIELDS:
            record[name] = _date(raw, register.date_format, line, column, dropped)
        elif name == "services":
            record[name] = _services(raw, register.list_separator, line, column, dropped)
        elif name == "countries":
            record[name] = _countries(raw, register.list_separator, line, column, dropped)
        elif name in LIST_FIELDS:
            record[name] = [v.strip() for v in raw.split(register.list_separator) if v.strip()]
        elif name in ("home_state", "lei_country"):
            record[name] = _country(raw, line, column, dropped) if raw else None
        elif name == "lei":
            record["lei_raw"] = raw or None
            problem = lei_problem(raw) if raw else None
            if problem:
                dropped.append(Issue(line, column, problem, raw))
            record["lei"] = raw.upper() if raw and not problem else None
        else:
            record[name] = raw or None
    if "\ufffd" in "".join(row):
        dropped.append(Issue(line, None, "the file itself has replacement characters (U+FFFD) here: "
                                         "the publisher's export lost some letters; kept as published"))
    return record


def _date(raw: str, fmt: str, line: int, column: str, dropped: list[Issue]) -> dt.date | None:
    if not raw or raw.lower() in ("n/a", "none", "-"):
        return None
    try:
        return dt.datetime.strptime(raw, fmt).date()
    except ValueError:
        dropped.append(Issue(line, column, f"not a date in the form {fmt}", raw))
        return None


def _services(raw: str, sep: str, line: int, column: str, dropped: list[Issue]) -> list[str]:
    catalogue, found = load_catalogue(), []
    for item in raw.split(sep):
        if not item.strip():
            continue
        codes, note = catalogue.services_in(item)
        if note:
            dropped.append(Issue(line, column, f"{note}: read as the service its words name", item.strip()))
        if not codes:
            dropped.append(Issue(line, column, "names no MiCA service (Art. 3(1)(16) a-j)", item.strip()))
        found += [c for c in codes if c not in found]
    return sorted(found)


def _countries(raw: str, sep: str, line: int, column: str, dropped: list[Issue]) -> list[str]:
    items = [t for t in re.split(rf"[{re.escape(sep)},;\s]+", raw) if t]
    if "I" in items:  # one ESMA row separates its states with the letter I instead of the pipe
        dropped.append(Issue(line, column, "states separated by 'I' instead of '|': read as separators", raw))
        items = [t for t in items if t != "I"]
    found: list[str] = []
    for token in items:
        code = _country(token, line, column, dropped)
        if code and code not in EEA:
            dropped.append(Issue(line, column, f"{code} is not an EEA state: a MiCA passport cannot reach it", token))
        elif code and code not in found:
            found.append(code)
    return sorted(found)


def _country(raw: str, line: int, column: str, dropped: list[Issue]) -> str | None:
    code = COUNTRY_ALIASES.get(raw.upper(), raw.upper())
    if pycountry.countries.get(alpha_2=code) is None:
        dropped.append(Issue(line, column, "not an ISO 3166-1 country code", raw))
        return None
    return code
