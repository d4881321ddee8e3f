"""Answers about registers and the firms in them: search, show, check, load, list, diff.

Every answer names the register snapshots it read (id, publication date, official URL, SHA-256) and,
for a row, the file's line, so a compliance officer can open the official file at that line.

>>> from regatlas.model.answers.base import dump
>>> doc = dump(FirmSearch, {"rulebook": {"version": "v", "as_of": "2026-03-01"}, "query": "x", "count": 0,
...     "firms": [], "registers": []})
>>> doc["count"]
0
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from regatlas.model.answers.base import Answer, Part
from regatlas.model.common import IsoDate

CheckStatus = Literal[
    "authorised", "passported", "not_passported", "not_authorised_for_service", "not_yet_authorised",
    "withdrawn", "warning_list", "not_found", "no_register",
]
STATUS = ("authorised (in its home member state), passported (notified under MiCA Art. 65 for the "
          "country), not_passported, not_authorised_for_service, not_yet_authorised, withdrawn, "
          "warning_list (ESMA's non-compliant entities), not_found (in no loaded register), no_register "
          "(no register covers the country).")


class SnapshotRef(Part):
    """The register snapshot an answer read (and the row's line in the official file)."""

    id: str = Field(description="Snapshot id: <register>-<published>-<sha256[:8]>.")
    register_id: str = Field(alias="register", description="Register id (esma-casp, esma-ncasp, esma-emt, esma-art, ...).")
    published: IsoDate = Field(description="When the publisher put this file out.")
    source_url: str | None = Field(description="The official file's address.")
    sha256: str = Field(description="SHA-256 of the file as loaded.")
    line: int | None = Field(None, description="Line of the row in the file (where a row is meant).")


class Service(Part):
    """A MiCA crypto-asset service (Art. 3(1)(16))."""

    code: str = Field(description="Letter a-j as in MiCA Art. 3(1)(16) and ESMA's register.")
    name: str = Field(description="The service as MiCA names it.")


class Firm(Part):
    """A firm as one register row lists it."""

    name: str = Field(description="Legal name as published.")
    commercial_name: str | None = Field(description="Commercial name as published.")
    lei: str | None = Field(description="LEI (ISO 17442), null when the published one is malformed or absent.")
    lei_as_published: str | None = Field(description="The LEI exactly as the register has it.")
    home_member_state: str | None = Field(description="Home member state (ISO 3166-1; EL is read as GR).")
    jurisdiction: str | None = Field(description="Home state, else the LEI's country.")
    authority: str | None = Field(description="Competent authority as published.")
    register_id: str = Field(alias="register", description="Register id.")
    kind: Literal["authorisation", "warning", "issuer"] = Field(description="What the register lists.")
    authorised_on: IsoDate | None = Field(description="Authorisation or notification date.")
    end_on: IsoDate | None = Field(description="End of authorisation (withdrawal), if any.")
    services: list[Service] = Field(description="MiCA services it is authorised for.")
    countries: list[str] = Field(description="EEA states notified for cross-border services (MiCA Art. 65).")
    website: list[str] = Field(description="Websites as published.")
    address: str | None = Field(description="Address as published.")
    comments: str | None = Field(description="The register's comments.")
    last_update: IsoDate | None = Field(description="When the register last updated the row.")
    detail: dict[str, Any] = Field(description="Further columns of this register (reason, decision date, DTI ...).")
    snapshot: SnapshotRef = Field(description="Snapshot and line of the row.")


class FirmSearch(Answer):
    """`regatlas firms search TEXT`, GET /api/v1/firms?q=TEXT."""

    query: str = Field(description="The text searched for.")
    count: int = Field(description="How many rows matched (the list holds at most 50).")
    firms: list[Firm] = Field(description="Matching rows, by name.")
    registers: list[SnapshotRef] = Field(description="The snapshots searched (each register's newest by the date).")


class FirmShow(Answer):
    """`regatlas firms show LEI`, GET /api/v1/firms/{lei}."""

    lei: str = Field(description="The LEI asked about.")
    found: bool = Field(description="Whether any snapshot read lists it.")
    entries: list[Firm] = Field(description="Its rows in the snapshots read.")
    appears_in: list[dict[str, Any]] = Field(description="Every loaded snapshot that lists it, oldest first.")
    registers: list[SnapshotRef] = Field(description="The snapshots read.")


class FirmCheck(Answer):
    """`regatlas firms check LEI --service S --country C`, GET /api/v1/firms/{lei}/check."""

    lei: str = Field(description="The LEI asked about.")
    service: dict[str, str] = Field(description="The service asked about: code, slug, name.")
    country: str = Field(description="The country asked about (ISO 3166-1).")
    as_of: IsoDate = Field(description="The date asked about.")
    status: CheckStatus = Field(description=STATUS)
    authorised: bool = Field(description="Whether it may provide the service there on the date, per the register.")
    reason: str = Field(description="Why, in a sentence.")
    firm: dict[str, Any] | None = Field(description="Name, commercial name, home member state.")
    authority: str | None = Field(description="The authority that authorised it.")
    since: IsoDate | None = Field(description="Authorised since.")
    until: IsoDate | None = Field(description="Authorisation ended on (withdrawn).")
    law: dict[str, Any] | None = Field(description="The MiCA article the answer rests on (Art. 59 or Art. 65).")
    warnings: list[dict[str, Any]] = Field(description="Entries on a warning list (ESMA non-compliant entities).")
    snapshot: SnapshotRef | None = Field(description="The row the answer rests on.")
    registers: list[SnapshotRef] = Field(description="The snapshots read.")
    notes: list[str] = Field(description="Limits of the answer: a snapshot published after, or long before, the date.")


class Snapshot(Part):
    """A loaded register snapshot and how its file loaded."""

    id: str = Field(description="Snapshot id.")
    register_id: str = Field(alias="register", description="Register id.")
    published: IsoDate = Field(description="Publication date.")
    retrieved: IsoDate = Field(description="When regatlas took the file.")
    source_url: str | None = Field(description="The official file's address.")
    obtained_from: str | None = Field(description="Where this copy came from (a mirror or a local path).")
    file: str = Field(description="File name.")
    sha256: str = Field(description="SHA-256 of the file.")
    encoding: str = Field(description="utf-8 or windows-1252.")
    delimiter: str = Field(description="Field separator found.")
    rows_in: int = Field(description="Data rows in the file.")
    loaded: int = Field(description="Rows loaded.")
    rejected: int = Field(description="Rows rejected (rows_in = loaded + rejected).")
    dropped: int = Field(description="Values dropped from loaded rows (each reported).")
    bundled: bool = Field(description="Shipped with regatlas.")


class Registers(Part):
    """`regatlas registers list`, GET /api/v1/registers."""

    snapshots: list[Snapshot] = Field(description="Every loaded snapshot, oldest first.")


class RegisterLoad(Part):
    """`regatlas registers load FILE --register R`: the snapshot and its rejects report."""

    snapshot: Snapshot = Field(description="The snapshot (already loaded when added is false).")
    added: bool = Field(description="False when a file with the same SHA-256 was loaded before.")
    rejected: list[dict[str, Any]] = Field(description="Rejected rows: line, reason, the row.")
    dropped: list[dict[str, Any]] = Field(description="Values dropped from loaded rows: line, field, reason, value.")


class RegisterDiff(Part):
    """`regatlas registers diff OLD NEW`: what changed between two snapshots of one register."""

    register_id: str = Field(alias="register", description="Register id.")
    old: SnapshotRef = Field(description="The older snapshot.")
    new: SnapshotRef = Field(description="The newer snapshot.")
    added: list[dict[str, Any]] = Field(description="Firms in NEW only (new authorisations or listings).")
    removed: list[dict[str, Any]] = Field(description="Firms in OLD only (removed from the register).")
    withdrawn: list[dict[str, Any]] = Field(description="Firms whose authorisation end date appeared.")
    changed: list[dict[str, Any]] = Field(description="Firms whose services or passported states changed.")
