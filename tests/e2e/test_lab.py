"""Each notebook opened in JupyterLab in a real browser, run through the UI, checked."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def _run_all(page: Any) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def _run_all_until_started(page: Any, tries: int = 3) -> None:
    """Run all cells; again if no cell started within 20 s. On a fresh server the notebook
    can show an idle kernel before the kernel is connected, and the first Run All is lost."""
    for _ in range(tries):
        page.locator(".jp-Notebook .jp-Cell").first.click()
        _run_all(page)
        for _ in range(40):
            prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            if any(p.strip() not in ("", "[ ]:") for p in prompts):
                return
            page.wait_for_timeout(500)
    raise AssertionError(f"no cell started after {tries} tries of Run All")


def _wait_until_done(page: Any, n_code: int, timeout: float) -> None:
    """Wait until every code cell has an execution count and the kernel is idle."""
    deadline = time.monotonic() + timeout
    prompts: list[str] = []
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        counted = [p for p in prompts if p.strip().strip("[]:").strip().isdigit()]
        busy = any("*" in p for p in prompts)
        if not busy and (len(counted) == n_code or _tracebacks(page)):
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"cells still running after {timeout:.0f} s: {prompts}")


def _tracebacks(page: Any) -> list[str]:
    errors = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()
    return [t for t in errors if "Traceback" in t or "Error" in t]


def _code_cells(path: Path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def _has_plot(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return "plot(" in text or "explore(" in text


@pytest.mark.e2e
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab: Any, browser: Any, artifacts: Path, name: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # A workspace of its own, reset, so no other notebook is open beside it.
        page.goto(lab.page_url(f"lab/workspaces/{Path(name).stem}/tree/{name}") + "&reset")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
        )
        # No pop-up may stand in the way (the news prompt is switched off by settings).
        assert page.locator(".jp-Notification-Toast").count() == 0
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # a kernel chooser would mean the settings were not applied
            raise AssertionError("a dialog is in the way: " + dialog.inner_text()[:200])
        n_code = _code_cells(ROOT / "notebooks" / name)
        _run_all_until_started(page)
        _wait_until_done(page, n_code, timeout=240)
        tracebacks = _tracebacks(page)
        assert not tracebacks, tracebacks[0][:2000]
        if _has_plot(ROOT / "notebooks" / name):
            images = page.locator(".jp-RenderedImage img")
            assert images.count() > 0, "no chart was drawn"
            box = images.first.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 100
    finally:
        # JupyterLab scrolls inside its own panel: bring the first chart into the shot.
        if page.locator(".jp-RenderedImage img").count():
            page.locator(".jp-RenderedImage img").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"{Path(name).stem}.png"), full_page=True)
        page.close()
