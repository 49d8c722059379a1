"""The survey page of a country's worth of partnerships: its size, and how long headless Chromium
takes to render it against an empty page, as ratios in one run.

    pip install -e '.[test]' && python bench/survey_html.py [--files 1000] [--runs 7]

Generates ``--files`` varied partnership files (bench/run.py's generator, three editions), writes
``wtcheck survey -o survey.html``, and measures in Debian's Chromium (driven by Playwright, as the
browser tests do):
- warm: from navigation to the first paint after load, in a browser already running;
- cold: ``chromium --headless --screenshot`` of the page, from start to exit (what a person opening
  the file waits for, browser start included).
Each against the same for an empty page; medians of ``--runs``, interleaved. Prints each figure
beside its target. It never asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from browser_harness import ARGS, CHROMIUM, Browser  # noqa: E402
from run import generate, tool  # noqa: E402

SIZE_TARGET = 1_000_000
"""Bytes: the survey page of 1,000 partnerships stays under 1 MB."""
RATIO_TARGET = 2.0
"""Rendering the survey page takes under twice as long as an empty page."""
FIRST_PAINT = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
    () => done(performance.now()))))"""


def warm(browser: Browser, page: Path) -> float:
    """Milliseconds from navigation to the first paint after the load event."""
    tab = browser.open(page, 1280)
    try:
        return float(tab.evaluate(FIRST_PAINT))
    finally:
        tab.close()


def cold(page: Path, profile: Path) -> float:
    """Seconds for headless Chromium to start, render ``page`` to a screenshot and exit."""
    started = time.perf_counter()
    subprocess.run([str(CHROMIUM), "--headless", *ARGS, f"--user-data-dir={profile}", "--window-size=1280,800",
                    f"--screenshot={profile / 'shot.png'}", page.as_uri()],
                   check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "partnerships").mkdir()
        generate(folder / "partnerships", options.files)
        survey, empty = folder / "survey.html", folder / "empty.html"
        subprocess.run([tool("wtcheck"), "survey", str(folder / "partnerships"), "-o", str(survey)],
                       check=True, capture_output=True)
        empty.write_text("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>empty</title>"
                         "</head><body></body></html>")
        size = survey.stat().st_size
        browser = Browser()
        times: dict[str, list[float]] = {"warm survey": [], "warm empty": [], "cold survey": [], "cold empty": []}
        try:
            for run in range(options.runs):
                for name, page in (("survey", survey), ("empty", empty)):
                    times[f"warm {name}"].append(warm(browser, page))
                    profile = folder / f"profile-{name}-{run}"
                    profile.mkdir()
                    times[f"cold {name}"].append(cold(page, profile))
        finally:
            browser.close()
    median = {name: statistics.median(values) for name, values in times.items()}
    warm_ratio = median["warm survey"] / median["warm empty"]
    cold_ratio = median["cold survey"] / median["cold empty"]
    print(f"survey page of {options.files} partnerships, medians of {options.runs} runs")
    print(f"{'measure':<34}{'figure':>16}{'target':>14}")
    print(f"{'size of survey.html':<34}{size:>14,} B{'< 1,000,000 B':>14}  {'met' if size < SIZE_TARGET else 'MISSED'}")
    print(f"{'cold render, survey / empty':<34}{cold_ratio:>15.2f}x{'< 2x':>14}  "
          f"{'met' if cold_ratio < RATIO_TARGET else 'MISSED'}  ({median['cold survey']:.2f} s / "
          f"{median['cold empty']:.2f} s)")
    print(f"{'warm render, survey / empty':<34}{warm_ratio:>15.2f}x{'(reported)':>14}  "
          f"({median['warm survey']:.0f} ms / {median['warm empty']:.0f} ms)")


if __name__ == "__main__":
    main()
