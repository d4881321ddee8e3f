"""The change feed (issue 18): the record axis classified on a hand-made pair of fixture rulebooks,
and the bundled history: real changes since an archived version, an Atom feed a feed parser reads
back, a calendar a calendar library reads back, and `watch` for scripts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from regatlas.history.compare import record_changes
from regatlas.rulebook.load import load_rulebook

FIXTURE = Path(__file__).parent / "fixtures" / "rulebook"
PROFILES = Path(__file__).parent.parent / "examples" / "profiles"
FIRST = "25bc0a12e240"  # the oldest archived version this code reads (recorded 2026-12-03)


def test_record_changes_are_classified_with_before_and_after(tmp_path):
    new_root = tmp_path / "rulebook"
    shutil.copytree(FIXTURE, new_root)
    path = new_root / "jurisdictions" / "AQ.yaml"
    text = path.read_text()
    assert "    published: 2020-03-01\n    effective_from: 2021-01-01\n" in text
    path.write_text(text.replace("    published: 2020-03-01\n    effective_from: 2021-01-01\n",
                                 "    published: 2020-03-01\n    effective_from: 2021-02-01\n", 1))
    old, new = load_rulebook(FIXTURE).rulebook, load_rulebook(new_root).rulebook
    out = record_changes(old, new, dt.date(2026, 1, 1))
    assert [(c["class"], c["field"]) for r in out for c in [{"class": r["class"], **x} for x in r["changes"]]] == [
        ("correction", "effective_from")]
    change = out[0]["changes"][0]
    assert (change["before"], change["after"]) == ("2021-01-01", "2021-02-01")
    # the same pair the other way round, and an unchanged rulebook: nothing else is reported
    assert len(record_changes(new, old, dt.date(2026, 1, 1))) == 1
    assert record_changes(old, old, dt.date(2026, 1, 1)) == []


def test_changes_since_an_archived_version_list_what_the_atlas_learned(cli):
    proc = cli("changes", "--since", FIRST, "--jurisdiction", "HK", "--as-of", "2026-12-04", "--json")
    assert proc.exit_code == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["since"]["version"] == FIRST and doc["since"]["date"].startswith("2026-12-03")
    # the Hong Kong reserve custody rule was encoded on 2026-12-04 (Stablecoins Ordinance, in force
    # 1 August 2025): newly covered, not a new law
    added = {r["id"]: r for r in doc["record"]}
    assert added["hk-so-reserve-custody"]["class"] == "new_coverage"
    assert added["hk-so-reserve-custody"]["source"]["instrument"]


def test_the_atom_feed_reads_back(cli):
    import feedparser

    proc = cli("changes", "--since", FIRST, "--jurisdiction", "EU", "--as-of", "2026-12-04", "--format", "atom")
    assert proc.exit_code == 0, proc.stderr
    feed = feedparser.parse(proc.stdout)
    assert not feed.bozo and feed.feed.title == f"regatlas changes since {FIRST}"
    doc = json.loads(cli("changes", "--since", FIRST, "--jurisdiction", "EU", "--as-of", "2026-12-04", "--json").stdout)
    assert len(feed.entries) == len(doc["law"]) + len(doc["upcoming"]) + len(doc["record"]) > 0


def test_a_firms_changes_and_its_calendar(cli, tmp_path):
    import icalendar

    ics = tmp_path / "deadlines.ics"
    proc = cli("changes", "--since", FIRST, "--profile", str(PROFILES / "eu-exchange.yaml"), "--ics", str(ics),
               "--as-of", "2026-12-04", "--json")
    assert proc.exit_code == 0, proc.stderr
    firm = json.loads(proc.stdout)["profile"]
    # France's Ordonnance 2024-937 (TFR adaptation, from 30 December 2024) was encoded after FIRST
    assert ("FR", "fr-ord-2024-937-tfr", "new obligation") in {(c["jurisdiction"], c["id"], c["change"])
                                                               for c in firm["changes"]}
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == len(firm["deadlines"]) > 0
    # AMLR Art. 19(3) applies from 10 July 2027 (Regulation (EU) 2024/1624, Art. 90)
    assert any(str(e["SUMMARY"]).startswith("starts") and e.decoded("DTSTART") == dt.date(2027, 7, 10) for e in events)


def test_watch_records_a_baseline_then_reports_and_exits_1(cli, tmp_path):
    state = tmp_path / "state.json"
    first = cli("watch", str(PROFILES / "eu-exchange.yaml"), "--since-file", str(state), "--as-of", "2026-12-04")
    assert first.exit_code == 0 and "Baseline recorded" in first.stdout
    state.write_text(json.dumps({"version": FIRST, "checked": "2026-12-03"}))
    second = cli("watch", str(PROFILES / "eu-exchange.yaml"), "--since-file", str(state), "--as-of", "2026-12-04")
    assert second.exit_code == 1 and "fr-ord-2024-937-tfr" in second.stdout
    assert json.loads(state.read_text())["version"] != FIRST


@pytest.mark.parametrize("args, message", [
    (["changes", "--since", "2019-01-01"], "no recorded version"),
    (["changes", "--since", FIRST, "--topic", "weather"], "unknown topic"),
    (["changes", "--since", FIRST, "--format", "rss"], "unknown format"),
])
def test_bad_change_requests_are_exit_2(cli, args, message):
    proc = cli(*args)
    assert proc.exit_code == 2 and message in proc.stderr
