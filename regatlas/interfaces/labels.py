"""Human-readable labels for the rulebook's enum values: one wording for the web pages (Jinja
filter `human`) and the assessment reports (HTML, PDF, Markdown).

>>> human("partially_regulated"), human("in_force"), human("risk_based"), human(None)
('partially regulated', 'in force', 'risk-based', '—')
"""

from __future__ import annotations

# Values whose plain "_ → space" reading would be wrong English.
SPECIAL = {"risk_based": "risk-based", "self_hosted": "self-hosted", "rule_based": "rule-based",
           "self_hosted_wallets": "self-hosted wallets", "aml_cdd": "AML / CDD", "cbdc": "CBDC",
           "defi": "DeFi", "disclosure_whitepaper": "disclosure (white paper)",
           "supervision_enforcement": "supervision and enforcement"}


def human(value: object, empty: str = "—") -> str:
    """`value` as a person would write it: underscores become spaces, a few compounds get hyphens.

    >>> human("send_full")
    'send full'
    >>> human("", empty="not listed")
    'not listed'
    >>> human(42.5)
    '42.5'
    """
    if value is None or value == "":
        return empty
    text = str(value)
    return SPECIAL.get(text, text.replace("_", " "))
