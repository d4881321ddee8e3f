"""The registers regatlas reads and the MiCA services, as data (regatlas/data/registers/registers.yaml).

A register definition says who publishes the file, which kind of list it is (authorisations,
a warning list, token issuers), and which column holds which field; the parser needs nothing else.
The file is loaded strictly: an unknown key or a missing one is an error naming file, line and field.

>>> catalogue = load_catalogue()
>>> catalogue.registers["esma-casp"].kind
'authorisation'
>>> catalogue.service("custody").code, catalogue.service("j").slug
('a', 'transfer')
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from regatlas.errors import InputError, RulebookError
from regatlas.model.vocab import Activity
from regatlas.rulebook.load import describe_validation_error
from regatlas.rulebook.yamlpos import Document, load_file

DATA = Path(__file__).resolve().parent.parent / "data" / "registers"
"""The bundled register definitions and snapshots."""

Field_ = Literal[
    "authority", "home_state", "name", "lei", "lei_country", "commercial_name", "address", "website",
    "platform_website", "authorised_on", "end_on", "services", "countries", "comments", "last_update",
    "infringement", "reason", "decided_on", "licence", "token_ids", "white_paper", "white_paper_on",
]
"""What a register column can mean; `columns` maps each used field to the file's column name."""
DATE_FIELDS = frozenset({"authorised_on", "end_on", "last_update", "decided_on", "white_paper_on"})
LIST_FIELDS = frozenset({"services", "countries", "token_ids", "website"})


CounterpartyStatus = Literal["authorised", "passported", "not_passported", "not_yet_authorised", "withdrawn",
                             "warning_list", "not_found", "no_register", "invalid_lei"]
"""What a Travel Rule decision can say of a counterparty VASP named by its LEI."""


Reason = Annotated[str, StringConstraints(pattern=r"^[^'\"]+$")]
"""A reason the screening plan writes as a SQL label: no quotes."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """Where the law says what a register or a service is."""

    instrument: str
    article: str
    url: str | None = None


class Service(_Strict):
    """One MiCA crypto-asset service (Art. 3(1)(16)), by the letter ESMA's register gives it."""

    code: str = Field(pattern=r"^[a-j]$")
    slug: str = Field(pattern=r"^[a-z_]+$")
    name: str
    match: list[str] = Field(min_length=1, description="Lower-case phrases naming the service in free text.")
    activities: list[Activity] = Field(min_length=1)


class Services(_Strict):
    source: Citation
    items: list[Service] = Field(min_length=1)


class Register(_Strict):
    """One official register: publisher, kind, and the meaning of its columns."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    kind: Literal["authorisation", "warning", "issuer"]
    jurisdiction: str
    publisher: str
    legal_basis: Citation
    url: str
    date_format: str = "%d/%m/%Y"
    list_separator: str = "|"
    columns: dict[Field_, str] = Field(min_length=1)


class Catalogue(_Strict):
    """Every register definition and the service vocabulary."""

    services: Services
    registers: dict[str, Register]
    counterparty: dict[CounterpartyStatus, Reason] = Field(description="Each counterparty status and its reason.")

    def service(self, text: str) -> Service:
        """A service by letter (`a`), slug (`custody`) or ESMA name; InputError listing the choices.

        >>> load_catalogue().service("Exchange of crypto-assets for funds").code
        'c'
        """
        key = text.strip().lower()
        for s in self.services.items:
            if key in (s.code, s.slug, s.name.lower()):
                return s
        choices = ", ".join(f"{s.code}/{s.slug}" for s in self.services.items)
        raise InputError(f"unknown service {text!r}; one of: {choices}", field="service")

    def register(self, register_id: str) -> Register:
        """A register definition by id; InputError listing the known ids."""
        try:
            return self.registers[register_id]
        except KeyError:
            raise InputError(f"unknown register {register_id!r}; one of: {', '.join(self.registers)}",
                             field="register") from None

    def services_in(self, text: str) -> tuple[list[str], str | None]:
        """The service letters a register's free-text item names, and a note when the item's own
        letter disagrees with its words (the words win: ESMA's files mislabel some).

        >>> load_catalogue().services_in("c. exchange of crypto-assets for other crypto-assets")
        (['d'], "item lettered 'c' names d")
        >>> load_catalogue().services_in("h.providing advice on crypto-assets")
        (['h'], None)
        """
        low = re.sub(r"\s+", " ", text.lower())
        found = [s.code for s in self.services.items if any(m in low for m in s.match)]
        letter = re.match(r"^\s*([a-j])\s*[.)]", low)
        if not found:
            return ([letter.group(1)] if letter else []), None
        if letter and len(found) == 1 and letter.group(1) != found[0]:
            return found, f"item lettered {letter.group(1)!r} names {found[0]}"
        return found, None


@functools.cache
def load_catalogue(path: Path | None = None) -> Catalogue:
    """The register catalogue (bundled by default), validated; RulebookError with file:line:column."""
    doc = load_file(path or DATA / "registers.yaml")
    value = doc.value if isinstance(doc.value, dict) else {}
    registers = value.get("registers")
    try:
        return Catalogue.model_validate({
            "services": value.get("services"), "counterparty": value.get("counterparty"),
            "registers": {r.get("id"): r for r in registers} if isinstance(registers, list) else registers,
        })
    except ValidationError as exc:
        raise _located(doc, exc, registers) from None


def _located(doc: Document, exc: ValidationError, registers: object) -> RulebookError:
    loc, message, at_key = describe_validation_error(exc.errors()[0])
    if loc[:1] == ("registers",) and isinstance(registers, list) and len(loc) > 1:
        index = next((i for i, r in enumerate(registers) if isinstance(r, dict) and r.get("id") == loc[1]), 0)
        loc = ("registers", index, *loc[2:])
    line, column = doc.position(loc, key=at_key)
    return RulebookError(message, file=doc.file, line=line, column=column,
                         field=".".join(str(p) for p in loc))
