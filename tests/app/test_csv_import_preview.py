"""What the import dialog's preview reads from a plan: the first rows as saved, mapping rules."""

from __future__ import annotations

from datetime import date

from app.domain import Kind
from app.exchange.importing import PREVIEW_ROWS, ImportMapping, KindRule, apply_import, read_import

NATIVE_HEADER = "date,start,minutes,hours,title,kind,category,handoff,note\r\n"


def test_first_rows_are_the_good_rows_as_saved_with_duplicates_marked(service, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(NATIVE_HEADER + "2026-11-16,09:00,45,,Deck,o,Tool admin,,\r\n"
                    "2026-11-16,,x,,Broken,o,,,\r\n"
                    "2026-11-17,10:00,,1.5,  Interviews ,strategic,,,Acme\r\n", newline="")
    apply_import(service, read_import(service, path), skip_bad_rows=True)
    path.write_text(NATIVE_HEADER + "2026-11-16,09:00,45,,Deck,o,Tool admin,,\r\n"
                    "2026-11-18,,30,,New one,s,,,\r\n", newline="")
    plan = read_import(service, path)
    rows = plan.first_rows()
    assert [(r.row, r.day, r.start, r.minutes, r.kind, r.title, r.category, r.duplicate)
            for r in rows] == [
        (2, date(2026, 11, 16), "09:00", 45, "operational", "Deck", "Tool admin", True),
        (3, date(2026, 11, 18), None, 30, "strategic", "New one", None, False)]
    assert plan.first_rows(1) == rows[:1]


def test_first_rows_stop_at_the_preview_limit(service, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(NATIVE_HEADER + "".join(f"2026-11-16,,{1 + i % 600},,T{i},o,,,\r\n"
                                            for i in range(PREVIEW_ROWS + 10)), newline="")
    assert len(read_import(service, path).first_rows(10**6)) == PREVIEW_ROWS


def test_a_mapping_finds_a_rule_by_name_trimmed_and_case_folded():
    mapping = ImportMapping({"Acme  Corp": KindRule(Kind.STRATEGIC, "Customer discovery")})
    assert mapping.rule_for(" acme corp") == KindRule(Kind.STRATEGIC, "Customer discovery")
    assert mapping.rule_for("Other") is None


def test_a_mapping_without_some_names_keeps_the_others_and_the_default():
    mapping = ImportMapping({"Acme": KindRule(Kind.STRATEGIC), "Support": KindRule(Kind.OPERATIONAL)},
                            Kind.OPERATIONAL)
    assert mapping.without([" ACME "]) == ImportMapping({"Support": KindRule(Kind.OPERATIONAL)},
                                                        Kind.OPERATIONAL)
