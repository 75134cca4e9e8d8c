"""Render the README's Review screenshots: a 26-week demo review and its PDF.

The demo PM has done a first review: the weekly chores rated (the demo data does that), the
stand-up kept, and the tool housekeeping handed to ProductOps six weeks ago (so it no longer
shows in the log).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/review_shots.py
(needs pdftoppm from poppler-utils for the PDF pages)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app import demo
    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="pmw-review-shots-"))
    store = open_store(folder / "pm-workload.db")
    clock = FixedClock(datetime(2026, 11, 24, 10, 30))
    service = WorkloadService(store, clock)
    demo.fill(store, demo.generate(26, end=clock.today()))
    service.tasks.set_judgement("Stand-up and follow-ups", checklist=2, handoff="keep")
    clock.moment = datetime(2026, 10, 13, 9, 0).astimezone()
    service.tasks.set_judgement("Jira and Confluence housekeeping", checklist=5, handoff="handed_off")
    clock.moment = datetime(2026, 11, 24, 10, 30).astimezone()
    gone = [e.id for e in service.entries.between(date(2026, 10, 13), clock.today())
            if e.title == "Jira and Confluence housekeeping"]
    service.entries.delete_many(gone)

    from ui.review.page import ReviewPage

    page = ReviewPage(service)
    page.set_range(26)
    page.resize(1400, 1330)
    page.show()
    for _ in range(5):
        app.processEvents()
    page.grab().save(str(HERE / "review.png"))
    pdf = folder / "review.pdf"
    page.export_pdf(str(pdf))
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(folder / "page")], check=True)
    for number in (1, 2):
        (folder / f"page-{number}.png").replace(HERE / f"review-pdf-page{number}.png")
    store.close()


if __name__ == "__main__":
    main()
