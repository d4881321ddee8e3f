"""The rulebook's own history: every version the atlas recorded, when, and its files, so that any
answer can be given again as the atlas stood at a version or a date (`--known-at`), and the change
feed can say what the atlas learned since then.

The archive (`data/history/rulebook-history.zip`) is derived from the repository's history, never
typed: one version per commit of the main line that changed the rulebook (`git log --first-parent`),
with the commit's date; each file version stored once (by its git blob id); `index.json` lists the
versions oldest first, each with the files that changed since the one before. The working rulebook
is always the newest version, whether or not the archive has caught up with it.

>>> versions = list_versions()
>>> versions[0]["date"] <= versions[-1]["date"]
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from regatlas.errors import InputError, NotFound
from regatlas.rulebook.files import SECTION_NAMES
from regatlas.rulebook.rates import ecb_fingerprint
from regatlas.store.atlas import store_home

ARCHIVE = Path(__file__).resolve().parent.parent / "data" / "history" / "rulebook-history.zip"
PREFIX = "regatlas/data/rulebook/"


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=True).stdout


def _version_of(files: dict[str, bytes]) -> str:
    """The content version the working rulebook would have with these files (files.content_version)."""
    digest = hashlib.sha256()
    for rel in sorted(p for p in files if p.split("/", 1)[0] in SECTION_NAMES and p.endswith(".yaml")
                      and p.count("/") == 1):
        digest.update(rel.encode() + b"\0")
        digest.update(files[rel] + b"\0")
    digest.update(b"ecb-reference-rates\0" + ecb_fingerprint().encode())
    return digest.hexdigest()[:12]


def build_archive(repo: Path, out: Path = ARCHIVE) -> dict[str, Any]:
    """Write the archive from the git history of `repo`; returns a summary (versions, blobs, bytes)."""
    log = _git(repo, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", PREFIX).decode().split("\n")
    versions, blobs, previous = [], {}, {}
    for line in filter(None, log):
        commit, when = line.split(" ", 1)
        tree = {}
        for row in _git(repo, "ls-tree", "-r", commit, PREFIX).decode().splitlines():
            meta, path = row.split("\t", 1)
            tree[path[len(PREFIX):]] = meta.split()[2]
        missing = [sha for sha in tree.values() if sha not in blobs]
        if missing:
            out_bytes = _git(repo, "cat-file", "--batch", data="\n".join(missing).encode() + b"\n")
            pos = 0
            for sha in missing:
                header_end = out_bytes.index(b"\n", pos)
                size = int(out_bytes[pos:header_end].split()[2])
                blobs[sha] = out_bytes[header_end + 1:header_end + 1 + size]
                pos = header_end + 1 + size + 1
        files = {p: blobs[s] for p, s in tree.items()}
        changed = {p: s for p, s in tree.items() if previous.get(p) != s}
        removed = sorted(set(previous) - set(tree))
        versions.append({"version": _version_of(files), "commit": commit, "date": when,
                         "changed": changed, "removed": removed})
        previous = tree
    _mark_readable(versions, blobs)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_LZMA) as z:
        z.writestr("index.json", json.dumps({"prefix": PREFIX, "versions": versions}, separators=(",", ":")))
        for sha, data in sorted(blobs.items()):
            z.writestr(f"blobs/{sha}", data)
    return {"versions": len(versions), "blobs": len(blobs), "bytes": out.stat().st_size}


def _mark_readable(versions: list[dict[str, Any]], blobs: dict[str, bytes]) -> None:
    """Mark each version whose rulebook this code reads without an error (`readable`): older ones
    were written in a format since changed, and answering as of them would need the code of then."""
    from regatlas.rulebook import validate

    tree: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for v in versions:
            tree.update(v["changed"])
            for path in v["removed"]:
                tree.pop(path, None)
            root = Path(tmp) / v["commit"] / "rulebook"
            for rel, sha in tree.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_bytes(blobs[sha])
            v["readable"] = not validate(root).errors


def _readable(entry: dict[str, Any]) -> dict[str, Any]:
    if not entry.get("readable"):
        first = next((v for v in _index() if v.get("readable")), None)
        raise InputError(f"version {entry['version']} ({entry['date'][:10]}) was recorded in an older rulebook "
                         "format than this regatlas reads" + (f"; the oldest readable version is {first['version']} "
                         f"({first['date'][:10]})" if first else ""), field="known_at")
    return entry


@cache
def _index() -> list[dict[str, Any]]:
    if not ARCHIVE.exists():
        return []
    with zipfile.ZipFile(ARCHIVE) as z:
        return json.loads(z.read("index.json"))["versions"]


def list_versions() -> list[dict[str, Any]]:
    """Every archived version, oldest first: version, commit, date (ISO 8601), whether this code reads
    its rulebook, and how many files changed."""
    return [{"version": v["version"], "commit": v["commit"], "date": v["date"], "readable": v.get("readable", False),
             "files_changed": len(v["changed"]) + len(v["removed"])} for v in _index()]


def resolve(ref: str) -> dict[str, Any]:
    """The archived version named by `ref`: a version hash or a commit (6+ hex digits), or a date
    YYYY-MM-DD (the last version recorded on or before that day). NotFound otherwise."""
    ref = ref.strip()
    index = _index()
    if len(ref) == 10 and ref[4] == "-" and ref[7] == "-":
        try:
            day = dt.date.fromisoformat(ref)
        except ValueError:
            raise InputError(f"'{ref}' is not a date (YYYY-MM-DD)", field="known_at") from None
        on_or_before = [v for v in index if dt.date.fromisoformat(v["date"][:10]) <= day]
        if not on_or_before:
            raise NotFound(f"the atlas has no recorded version on or before {ref} (the first is "
                           f"{index[0]['date'][:10] if index else 'not archived'})", field="known_at")
        return _readable(on_or_before[-1])
    if len(ref) < 6 or any(c not in "0123456789abcdef" for c in ref.lower()):
        raise InputError(f"'{ref}' is neither a version, a commit nor a date", field="known_at")
    hits = [v for v in index if v["version"].startswith(ref.lower()) or v["commit"].startswith(ref.lower())]
    if not hits:
        raise NotFound(f"no recorded rulebook version '{ref}' (see `regatlas changes --versions`)", field="known_at")
    return _readable(hits[-1])


def files_at(entry: dict[str, Any]) -> dict[str, str]:
    """Path -> blob id of every rulebook file at an archived version."""
    tree: dict[str, str] = {}
    for v in _index():
        tree.update(v["changed"])
        for path in v["removed"]:
            tree.pop(path, None)
        if v["commit"] == entry["commit"]:
            return tree
    raise NotFound(f"version {entry['version']} is not in the archive", field="known_at")


def materialise(entry: dict[str, Any], home: Path | None = None) -> Path:
    """The rulebook directory of an archived version, written once under the cache and reused."""
    root = (home or store_home()) / "history" / entry["commit"][:12] / "rulebook"
    if (root / ".complete").exists():
        return root
    with zipfile.ZipFile(ARCHIVE) as z:
        for rel, sha in files_at(entry).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(f"blobs/{sha}"))
    (root / ".complete").write_text(entry["version"])
    return root


def read_files(entry: dict[str, Any]) -> dict[str, bytes]:
    """Every rulebook file of an archived version, in memory."""
    with zipfile.ZipFile(ARCHIVE) as z:
        return {rel: z.read(f"blobs/{sha}") for rel, sha in files_at(entry).items()}
