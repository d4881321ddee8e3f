"""Input from users is hostile: every file and request body is bounded before it is parsed.

One place for the limits that every face (CLI, API, web) applies: the size of a document, the
depth of nesting, numbers that must be finite, JSON without duplicate keys. YAML is bounded in
`regatlas.rulebook.yamlpos` (aliases refused, depth and node count capped) for every document.

>>> MAX_DOCUMENT // 2**20
16
"""

from __future__ import annotations

MAX_DOCUMENT = 16 * 2**20
"""The largest profile, reserve report, case or IVMS101 payload read from a file (bytes)."""

MAX_BODY = 2**20
"""The largest JSON or YAML request body the API accepts (bytes)."""
