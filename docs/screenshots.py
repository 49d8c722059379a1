"""Regenerate the README's screenshots from the bundled samples, in Debian's Chromium.

    pip install -e '.[test]' && npm ci --prefix tests/browser && python docs/screenshots.py

Writes docs/gap-report.png (the top of the HTML gap report at 1280 px), docs/gap-report-phone.png
(the same report at 320 px, as on a phone) and docs/survey.png (the heat map of a survey of 120
partnerships made by bench/run.py's generator from the samples).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from browser_harness import Browser  # noqa: E402
from run import generate  # noqa: E402


def main() -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}
    with tempfile.TemporaryDirectory() as scratch:
        report, survey = Path(scratch) / "report.html", Path(scratch) / "survey.html"
        wtcheck = str(Path(sys.executable).parent / "wtcheck")
        subprocess.run([wtcheck, "report", "samples/2023-gaps.yaml", "-o", str(report)], cwd=ROOT, env=environment,
                       capture_output=True)
        (Path(scratch) / "partnerships").mkdir()
        generate(Path(scratch) / "partnerships", 120)
        subprocess.run([wtcheck, "survey", str(Path(scratch) / "partnerships"), "-o", str(survey)], cwd=ROOT,
                       env=environment, check=True, capture_output=True)
        browser = Browser()
        try:
            for page, width, height, name in ((report, 1280, 1500, "gap-report.png"), (report, 320, 1400, "gap-report-phone.png"),
                                              (survey, 1280, 1400, "survey.png")):
                shown = browser.open(page, width, height)
                if name == "survey.png":
                    shown.evaluate("() => document.querySelectorAll('main h3')[1].scrollIntoView()")
                shown.screenshot(path=str(ROOT / "docs" / name))
                shown.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
