"""Re-grade the rulebook's cited values against the rule "verified means read in the official text".

Two passes, both idempotent (a second run changes nothing):

1. Research records (`--records DIR`, JSON lists of {"file", "target", "url", "article", "excerpt",
   "checked", "agrees", "disagreement", "read_on_official_site"}) are applied when `agrees` is true
   and the text was read on the official site (a third-party copy is not the official text; the
   research keeps records that confirm only part of a value elsewhere). A record for an instrument
   sets the instrument's `url`. A record for a value (a provision, or a dated fact by list and
   `from`) stores `source.article`, `source.excerpt`, `source.checked` and `source.url` (left out
   when it is the instrument's own URL), and the value becomes `verified`.
2. Every `verified` value that still lacks a document URL, a pinpoint or an excerpt
   (regatlas.rulebook.checks.verification) becomes `unverified`, with one sentence appended to its
   note saying what is missing.

Files are edited in place as text, at the node positions PyYAML's composer gives (the one the
positional loader, regatlas/rulebook/yamlpos.py, builds on): only `verification:` values, `note:`
values and `source:` mappings (and an instrument's `url:`) change, so comments and layout survive.
Every edit is read back with the positional loader and must give the intended value.

Usage: python scripts/regrade.py [--rulebook DIR] [--records DIR] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from regatlas.rulebook.checks.verification import authority_homes, cited_values, gaps
from regatlas.rulebook.load import default_rulebook_dir, load_rulebook
from regatlas.rulebook.yamlpos import load_text

WIDTH = 110
REGRADED = re.compile(r"\s*Re-graded \d{4}-\d{2}-\d{2} to unverified;.*?"
                      r"(?:is given|not the document|is cited|is stored)\.(?=\s|$)", re.DOTALL)
MISSING = {
    "no_url": "no URL of the document is given",
    "home_page": "the URL {url} is a home page, not the document",
    "no_pinpoint": "no article, section or page is cited",
    "no_excerpt": "no excerpt of the official text is stored",
}


def regrade_sentence(day: dt.date, missing: list[str], url: str | None) -> str:
    """The note sentence for a value re-graded to unverified (no ': ' or ' #', so plain-safe).

    >>> regrade_sentence(dt.date(2026, 12, 3), ["home_page", "no_excerpt"], "https://www.mas.gov.sg")
    'Re-graded 2026-12-03 to unverified; the URL https://www.mas.gov.sg is a home page, not the document; no excerpt of the official text is stored.'
    """
    return f"Re-graded {day} to unverified; " + "; ".join(MISSING[g].format(url=url) for g in missing) + "."


# --- text edits at composer positions ------------------------------------------------------------

@dataclass
class Edits:
    """Pending replacements in one file's text, with the values they must produce."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    expect: list[tuple[tuple, Any]] = field(default_factory=list)

    def replace(self, start: int, end: int, new: str) -> None:
        self.spans.append((start, end, new))

    def apply(self, file: str) -> str:
        """The edited text; raises if two edits overlap or an edit does not read back as meant."""
        out, last = self.text, None
        for start, end, new in sorted(self.spans, reverse=True):
            if last is not None and end > last:
                raise SystemExit(f"{file}: overlapping edits at {start}")
            out, last = out[:start] + new + out[end:], start
        doc = load_text(out, file)
        for path, value in self.expect:
            got = doc.value
            for key in path:
                got = got[key] if not isinstance(got, dict) or key in got else None
            if got != value:
                raise SystemExit(f"{file}: edit at {path} reads back as {got!r}, not {value!r}")
        return out


def node_at(root: yaml.Node, path: tuple) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) at `path` in a composed document; (None, None) when absent."""
    key, node = None, root
    for part in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            key, node = None, node.value[part]
        elif isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                return None, None
            key, node = pair
        else:
            return None, None
    return key, node


def content_end(text: str, node: yaml.Node) -> int:
    """Index just after the last character of `node`'s content (block nodes end at the next key)."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return content_end(text, last[1] if isinstance(last, tuple) else last)
    end = node.end_mark.index
    return node.start_mark.index + len(text[node.start_mark.index:end].rstrip())


def reads_as(rendered: str, value: Any, indent: int) -> bool:
    """True when `rendered`, written after `k:` at `indent`, parses back to `value`."""
    try:
        return load_text(" " * indent + "k:" + rendered + "\n", "check").value == {"k": value}
    except Exception:  # noqa: BLE001 - any parse failure means "not this rendering"
        return False


def wrap(text: str, indent: int) -> list[str]:
    """`text` cut at spaces into lines that fit after `indent` columns.

    >>> wrap("a bb ccc", 104)
    ['a bb', 'ccc']
    """
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 1 > WIDTH - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def render_text(value: str, indent: int) -> str:
    """`value` after `key:` at column `indent`: plain, else folded `>-` lines, else double-quoted."""
    if len(value) + indent + 8 <= WIDTH and reads_as(" " + value, value, indent):
        return " " + value
    folded = " >-" + "".join(f"\n{' ' * (indent + 2)}{w}" for w in wrap(value, indent + 2))
    return folded if reads_as(folded, value, indent) else " " + json.dumps(value, ensure_ascii=False)


def scalar(value: Any) -> str:
    """A flow-context scalar: dates and ids plain, other text double-quoted."""
    if isinstance(value, dt.date) or re.fullmatch(r"[a-z0-9][a-z0-9.-]*", str(value)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def render_source(source: dict, indent: int) -> str:
    """A source mapping after `source:` at column `indent`: one flow line if it fits, else a block."""
    flow = " {" + ", ".join(f"{k}: {scalar(v)}" for k, v in source.items()) + "}"
    if indent + len("source:") + len(flow) <= WIDTH:
        return flow
    pad = "\n" + " " * (indent + 2)
    return "".join(f"{pad}{k}:{render_text(str(v), indent + 2) if k == 'excerpt' else ' ' + scalar(v)}"
                   for k, v in source.items())


def set_value(ed: Edits, root: yaml.Node, path: tuple, new: str) -> bool:
    """Replace a scalar at `path` by the plain scalar `new`; False when it is already that."""
    _, node = node_at(root, path)
    if node.value == new:
        return False
    ed.replace(node.start_mark.index, node.end_mark.index, new)
    ed.expect.append((path, new))
    return True


def set_note(ed: Edits, root: yaml.Node, entry: tuple, note: str | None, old: str | None) -> None:
    """Make the note of the mapping at `entry` read `note` (remove it when None), editing in place."""
    if note == old:
        return
    key, node = node_at(root, entry + ("note",))
    ed.expect.append((entry + ("note",), note))
    if node is not None and note is None:  # the whole `note:` line(s), with the line break before
        start = ed.text.rfind("\n", 0, key.start_mark.index)
        ed.replace(start, content_end(ed.text, node), "")
    elif node is not None:
        end = content_end(ed.text, node)
        tail = note[len(old):].strip() if old and note.startswith(old) else ""
        line_start = ed.text.rfind("\n", 0, end) + 1
        indent = max(len(ed.text[line_start:end]) - len(ed.text[line_start:end].lstrip()),
                     key.start_mark.column + 2)
        appended = "".join(f"\n{' ' * indent}{line}" for line in wrap(tail, indent))
        col = key.start_mark.column
        if tail and node.style != "|" and reads_as(ed.text[key.end_mark.index + 1:end] + appended, note, col):
            ed.replace(end, end, appended)  # the old lines stay as they are
        else:
            ed.replace(key.end_mark.index, end, ":" + render_text(note, col))
    else:
        vkey, vnode = node_at(root, entry + ("verification",))
        col = vkey.start_mark.column
        at = ed.text.find("\n", content_end(ed.text, vnode))  # after a comment on that line
        at = len(ed.text) if at < 0 else at
        ed.replace(at, at, "\n" + " " * col + "note:" + render_text(note, col))


# --- pass 1: research records --------------------------------------------------------------------

def target_path(doc: Any, target: dict) -> tuple | None:
    """The YAML path of a record's target in a jurisdiction file, or None."""
    for list_name, key, want in (("provisions", "id", target.get("provision")),
                                 ("instruments", "id", target.get("instrument")),
                                 (target.get("fact"), "from", target.get("from"))):
        if want and list_name:
            for i, item in enumerate(doc.get(list_name) or []):
                if str(item.get(key)) == str(want):
                    return (list_name, i)
    return None


def set_source(ed: Edits, root: yaml.Node, path: tuple, old: dict, rec: dict, inst_urls: dict) -> None:
    """Store a record's evidence in the source at `path`: pinpoint, excerpt, date checked and the
    URL read (left out when it is the instrument's own)."""
    source = {**{k: v for k, v in old.items() if k != "url"}, "article": rec["article"],
              "excerpt": rec["excerpt"], "checked": dt.date.fromisoformat(rec["checked"])}
    if rec["url"] != inst_urls.get(source["instrument"]):
        source["url"] = rec["url"]
    order = ["instrument", "article", "url", "excerpt", "checked", "note"]
    source = {k: source[k] for k in sorted(source, key=lambda k: order.index(k) if k in order else 9)}
    if source != old:
        key, node = node_at(root, path + ("source",))
        ed.replace(key.end_mark.index, content_end(ed.text, node),
                   ":" + render_source(source, key.start_mark.column))
        ed.expect.append((path + ("source",), source))


def apply_record(ed: Edits, root: yaml.Node, doc: Any, rec: dict, inst_urls: dict) -> str:
    """Apply one record to one file's edits; the outcome, for the summary."""
    path = target_path(doc, rec["target"])
    if path is None:
        return "target not found"
    if path[0] == "instruments":
        return "instrument url set" if set_value(ed, root, path + ("url",), rec["url"]) else "unchanged"
    entry = doc[path[0]][path[1]]
    set_source(ed, root, path, entry["source"], rec, inst_urls)
    set_value(ed, root, path + ("verification",), "verified")
    note = entry.get("note")  # an earlier re-grade sentence no longer holds
    set_note(ed, root, path, REGRADED.sub("", note or "").strip() or None, note)
    return "evidence stored, verified"


def apply_records(root_dir: Path, records_dir: Path) -> Counter:
    """Pass 1 over every record of `records_dir`; counts of outcomes."""
    outcomes: Counter = Counter()
    by_file: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(records_dir.glob("*.json")):
        for rec in json.loads(path.read_text()):
            if not rec.get("agrees"):
                outcomes["not applied: disagrees"] += 1
            elif rec.get("read_on_official_site") is False:
                outcomes["not applied: read on a copy, not the official site"] += 1
            else:
                by_file[rec["file"]].append(rec)
    loaded = load_rulebook(root_dir)
    inst_urls = {i.id: i.url for j in loaded.rulebook.jurisdictions.values() for i in j.instruments}
    for name, recs in by_file.items():
        file = root_dir / name
        for rec in recs:  # one record at a time: two records may touch one entry
            text = file.read_text()
            ed = Edits(text)
            outcome = apply_record(ed, yaml.compose(text), load_text(text, name).value, rec, inst_urls)
            outcomes[outcome] += 1
            if outcome == "target not found":
                print(f"{name}: {rec['target']}: target not found", file=sys.stderr)
            file.write_text(ed.apply(name))
    return outcomes


# --- pass 2: downgrade what the rule refuses -----------------------------------------------------

def downgrade(root_dir: Path, day: dt.date) -> Counter:
    """Pass 2: every verified value failing the rule becomes unverified; counts per jurisdiction."""
    loaded = load_rulebook(root_dir)
    if loaded.errors:
        raise SystemExit(f"rulebook does not load: {loaded.errors[0]}")
    homes = authority_homes(loaded)
    by_file: dict[str, list] = defaultdict(list)
    for cv in cited_values(loaded):
        missing = gaps(cv.value, cv.url, homes)
        if cv.value.verification == "verified" and missing:
            by_file[cv.file].append((cv, missing))
    counts: Counter = Counter()
    for name, items in by_file.items():
        file = loaded.root / Path(name).relative_to(loaded.root.name)
        text = file.read_text()
        ed, root = Edits(text), yaml.compose(text)
        for cv, missing in items:
            set_value(ed, root, cv.path + ("verification",), "unverified")
            sentence = regrade_sentence(day, missing, cv.url)
            old = cv.value.note
            set_note(ed, root, cv.path, f"{old} {sentence}" if old else sentence, old)
            counts[cv.jurisdiction or "(agreements)"] += 1
        file.write_text(ed.apply(name))
    return counts


def tally(root_dir: Path) -> dict[str, tuple[int, int]]:
    """(verified, values) per jurisdiction."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for cv in cited_values(load_rulebook(root_dir)):
        row = out[cv.jurisdiction or "(agreements)"]
        row[0] += cv.value.verification == "verified"
        row[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulebook", type=Path, default=default_rulebook_dir())
    parser.add_argument("--records", type=Path, default=Path("/work/research/excerpts"))
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args()
    before = tally(args.rulebook)
    outcomes = apply_records(args.rulebook, args.records) if args.records.is_dir() else Counter()
    downgraded = downgrade(args.rulebook, args.date)
    after = tally(args.rulebook)
    print("records:", dict(outcomes))
    print("downgraded:", sum(downgraded.values()))
    print(f"{'jurisdiction':14} {'before':>9} {'after':>9} {'values':>7}")
    for code in after:
        print(f"{code:14} {before.get(code, (0, 0))[0]:>9} {after[code][0]:>9} {after[code][1]:>7}")
    total = lambda t, i: sum(v[i] for v in t.values())
    print(f"{'total':14} {total(before, 0):>9} {total(after, 0):>9} {total(after, 1):>7}")


if __name__ == "__main__":
    main()
