"""Controlled vocabularies of the rulebook: topics, activities, token types, statuses.

They are Literal types so pydantic rejects any other value and names the allowed ones.

>>> "travel_rule" in TOPICS
True
>>> len(ACTIVITIES) >= 13
True
"""

from __future__ import annotations

from typing import Literal, get_args

Topic = Literal[
    "licensing", "passporting", "travel_rule", "aml_cdd", "self_hosted_wallets",
    "stablecoin_issuance", "stablecoin_reserves", "stablecoin_redemption", "custody",
    "disclosure_whitepaper", "market_abuse", "marketing_promotions", "prudential",
    "consumer_protection", "defi", "staking", "lending", "derivatives", "cbdc", "sandbox",
    "tax_reporting", "ban", "governance", "cybersecurity", "supervision_enforcement",
]
Activity = Literal[
    "custody", "exchange", "brokerage", "transfer", "advice", "portfolio_management",
    "staking", "lending", "stablecoin_issuance", "derivatives", "defi", "payments",
    "token_issuance", "mining",
]
TokenType = Literal[
    "any", "payment_token", "stablecoin", "e_money_token", "asset_referenced_token",
    "security_token", "utility_token", "nft", "cbdc", "privacy_token", "digital_commodity",
]
CryptoStatus = Literal["regulated", "partially_regulated", "unregulated", "restricted", "banned"]
RegimeStatus = Literal["in_force", "enacted", "proposed", "none"]
ProvisionStatus = Literal["proposed", "enacted", "in_force", "repealed"]
CbdcStatus = Literal["none", "research", "development", "pilot", "launched", "cancelled"]
FatfList = Literal["call_for_action", "increased_monitoring"]
Verification = Literal["verified", "unverified"]
AuthorityRole = Literal[
    "securities", "banking", "payments", "aml_fiu", "central_bank", "virtual_assets",
    "conduct", "prudential", "tax", "law_enforcement", "ministry", "insurance", "prosecution",
    "asset_recovery", "central_authority_mla",
]
Organisation = Literal["FSB", "FATF", "IOSCO", "EU", "EEA", "G20", "BIS", "FSRB", "IMF",
                       "Atlantic Council"]
InstrumentKind = Literal[
    "law", "regulation", "rule", "guidance", "notice", "circular", "decision", "standard",
    "bill", "consultation", "report", "statement", "agreement",
]
TravelRuleField = Literal[
    "originator_name", "originator_account", "originator_address", "originator_national_id",
    "originator_customer_id", "originator_dob_pob", "originator_dob", "originator_lei",
    "beneficiary_name", "beneficiary_account", "beneficiary_address", "beneficiary_national_id",
    "beneficiary_customer_id", "beneficiary_lei",
]
ProvisionRole = Literal[
    "licence", "registration", "requirement", "prohibition", "exemption", "carve_out",
    "transitional", "guidance",
]
"""What a provision does: the engines read this, never the provision's title or text.

`licence`: prior authorisation to carry on an activity under a prudential or conduct regime, whatever
the statute calls it (licence, authorisation, permit, or a registration that is such a gateway);
`registration`: entry on a register, chiefly for AML/CFT supervision, without such a regime;
`exemption`: the activity is in scope but excused from a requirement; `carve_out`: the activity or
token is outside the law's scope; `guidance`: a regulator's view that states no legal duty."""
ReserveHolding = Literal["credit_institution", "central_bank", "custodian", "escrow_account"]
"""Where a reserve rule says reserve assets may be held (a place, not an asset class)."""
ProvisionPower = Literal["freeze", "seize", "block"]
"""What a provision empowers or obliges someone to do to tokens, accounts or transfers: `freeze`
(hold in place), `seize` (take), `block` (stop a transfer or transaction)."""
Market = Literal["spot", "derivatives"]
"""Whether a competence covers trading the asset itself (`spot`) or contracts on it (`derivatives`)."""
SelfHostedPolicy = Literal["none", "record", "risk_based", "verify_ownership", "prohibited"]

TOPICS: tuple[str, ...] = get_args(Topic)
ACTIVITIES: tuple[str, ...] = get_args(Activity)
TRAVEL_RULE_FIELDS: tuple[str, ...] = get_args(TravelRuleField)
TOKEN_TYPES: tuple[str, ...] = get_args(TokenType)
PROVISION_ROLES: tuple[str, ...] = get_args(ProvisionRole)
RESERVE_HOLDINGS: tuple[str, ...] = get_args(ReserveHolding)
PROVISION_POWERS: tuple[str, ...] = get_args(ProvisionPower)
MARKETS: tuple[str, ...] = get_args(Market)
