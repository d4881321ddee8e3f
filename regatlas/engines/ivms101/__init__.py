"""IVMS101 (interVASP Messaging Standard 101) for the Travel Rule engine: 2020 and 2023 editions.

Public API (pure functions; nothing prints):

* :func:`validate` - every defect of a payload as (JSON path, stable code, message);
* :func:`detect_edition` - "2020" or "2023";
* :func:`convert` / :func:`convert_report` - between the editions, noting what is lost;
* :func:`corridor_gaps` - which regatlas Travel Rule fields a payload lacks, and where to add them;
* :func:`load_payload` - read a JSON file with file/line/column errors.

Modules: :mod:`.vocab` code lists, :mod:`.schema` element tables, :mod:`.datatypes` value
checks, :mod:`.constraints` C1-C12, :mod:`.lei` ISO 17442, :mod:`.walker` the traversal,
:mod:`.edition`, :mod:`.convert`, :mod:`.corridor`, :mod:`.load`.

>>> result = validate({"originator": {"originatorPersons": []}, "beneficiary": {"beneficiaryPersons": []}})
>>> [(e.path, e.code) for e in result.errors]
[('$.originator.originatorPersons', 'too_few'), ('$.beneficiary.beneficiaryPersons', 'too_few')]
"""

from regatlas.engines.ivms101.convert import Conversion, ConversionNote, convert, convert_report
from regatlas.engines.ivms101.corridor import Gap, corridor_gaps
from regatlas.engines.ivms101.edition import EDITIONS, detect_edition, normalize_edition
from regatlas.engines.ivms101.issues import ISSUE_CODES, Issue, ValidationResult
from regatlas.engines.ivms101.load import load_payload
from regatlas.engines.ivms101.validation import validate

__all__ = [
    "EDITIONS",
    "ISSUE_CODES",
    "Conversion",
    "ConversionNote",
    "Gap",
    "Issue",
    "ValidationResult",
    "convert",
    "convert_report",
    "corridor_gaps",
    "detect_edition",
    "load_payload",
    "normalize_edition",
    "validate",
]
