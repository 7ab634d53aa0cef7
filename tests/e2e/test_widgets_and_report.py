"""In a real browser: the explorer's controls redraw the chart in JupyterLab, and the HTML
report opens from a file with its charts showing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_lab import (  # the same steps as every notebook
    _run_all_until_started,
    _tracebacks,
    _wait_until_done,
)

import voteanalysis as va

NOTEBOOK = "06-explore.ipynb"
IMAGE = ".va-explore .jp-RenderedImage img"


def _image_src(page: Any) -> str:
    src: str = page.locator(IMAGE).first.get_attribute("src") or ""
    return src


@pytest.mark.e2e
def test_changing_the_chart_kind_redraws_in_jupyterlab(
    lab: Any, browser: Any, artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(lab.page_url(f"lab/workspaces/explore-widgets/tree/{NOTEBOOK}") + "&reset")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
        )
        _run_all_until_started(page)
        n_code = page.locator(".jp-Notebook .jp-CodeCell").count()
        _wait_until_done(page, n_code, timeout=240)
        assert not _tracebacks(page), _tracebacks(page)[0][:2000]

        # The widget box rendered, with the tally drawn inside it.
        page.wait_for_selector(IMAGE, timeout=30_000)
        page.locator(".va-explore").first.scroll_into_view_if_needed()
        status = page.locator(".va-explore .widget-label").last
        assert "votes chosen" in status.inner_text()
        before = _image_src(page)
        assert before.startswith("data:image/png")

        # Choose another chart in the page, as a user would.
        kind = page.locator(".va-explore-kind select").first
        assert kind.input_value().startswith("tally")
        kind.select_option(index=1)  # opposition
        page.wait_for_function(
            "([sel, before]) => { const img = document.querySelector(sel);"
            " return img && img.src !== before && img.complete && img.naturalWidth > 0; }",
            arg=[IMAGE, before],
            timeout=30_000,
        )
        after = page.locator(IMAGE).first
        assert _image_src(page) != before
        box = after.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
        assert kind.input_value().startswith("opposition")
    finally:
        if page.locator(".va-explore-kind").count():  # the controls, and the chart under them
            page.locator(".va-explore-kind").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "06-explore-widgets.png"))
        page.close()


@pytest.mark.e2e
def test_the_report_opens_with_its_charts(browser: Any, artifacts: Path, tmp_path: Path) -> None:
    report = va.export_report(va.load_dataset(), tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(report.resolve().as_uri())
        page.wait_for_load_state("load")
        images = page.locator("figure img")
        assert images.count() == 5
        for i in range(images.count()):
            img = images.nth(i)
            img.scroll_into_view_if_needed()
            assert img.is_visible()
            assert img.evaluate("el => el.complete && el.naturalWidth > 0 && el.naturalHeight > 0")
            box = img.bounding_box()
            assert box is not None and box["width"] > 300
        for section in ("votes", "positions", "statements", "sources"):
            assert page.locator(f"#{section}").is_visible()
        assert page.locator("#votes + p + table tbody tr").count() == 18
        # Nothing but the page itself (and its embedded images) was loaded.
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
        page.evaluate("window.scrollTo(0, 0)")
    finally:
        page.screenshot(path=str(artifacts / "report.png"))
        page.close()
