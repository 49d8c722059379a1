"""A real browser for the tests that look at a page as a person does: Debian's Chromium, driven by
Playwright (``executable_path``, so Playwright never downloads a browser of its own), with axe-core
from npm (``tests/browser``, installed by ``.ci/run`` with ``npm ci``).

:func:`browser_or_skip` gives a :class:`Browser`, or skips the test when Chromium, Playwright or
axe-core is missing; under CI (``CI`` set) a missing one is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
AXE = HERE / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("WTCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
A4_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def missing() -> str | None:
    """What the browser tests need and is not installed, if anything."""
    if CHROMIUM is None:
        return "chromium is not installed (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not AXE.is_file():
        return "axe-core is not installed (npm ci --prefix tests/browser; .ci/run runs it)"
    return None


def browser_or_skip() -> Browser:
    """A started :class:`Browser`; a skip when something is missing, a failure under CI."""
    reason = missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return Browser()


class Browser:
    """Headless Chromium, one page at a time, at a chosen width."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()

    def open(self, path: Path, width: int, height: int = 800) -> Any:
        """A new page showing ``path`` in a window ``width`` CSS pixels wide."""
        page = self._browser.new_page(viewport={"width": width, "height": height})
        page.goto(path.resolve().as_uri(), wait_until="load")
        return page

    def layout(self, path: Path, width: int) -> dict[str, int]:
        """How wide the page lays out (``scroll_width``; equal to the viewport when nothing scrolls
        sideways) and how tall, at ``width``."""
        page = self.open(path, width)
        try:
            return page.evaluate("() => ({scroll_width: document.documentElement.scrollWidth,"
                                 " viewport: window.innerWidth, height: document.documentElement.scrollHeight})")
        finally:
            page.close()

    def axe(self, path: Path, width: int) -> list[dict[str, Any]]:
        """axe-core's violations on the page at ``width`` (WCAG 2.x A and AA, and best practice)."""
        page = self.open(path, width)
        try:
            page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the driver: the page's CSP forbids scripts
            result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
            return [{"id": violation["id"], "help": violation["help"],
                     "nodes": [node["target"] for node in violation["nodes"]]} for violation in result]
        finally:
            page.close()

    def pdf(self, path: Path) -> bytes:
        """The page printed on A4, as the browser's print to PDF does (the page's @page rules apply)."""
        page = self.open(path, 1280)
        try:
            return bytes(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
        finally:
            page.close()

    def a4_pages(self, path: Path) -> int:
        """How many A4 pages the page prints on."""
        return len(A4_PAGE.findall(self.pdf(path)))

    def print_layout(self, path: Path, script: str) -> Any:
        """``script`` evaluated on the page laid out for print (CSS ``@media print``) at A4 width."""
        page = self.open(path, 794)
        try:
            page.emulate_media(media="print")
            return page.evaluate(script)
        finally:
            page.close()
