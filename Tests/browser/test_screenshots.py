"""Full-page screenshots at phone width (360 px) for a person to look at: artifacts/screenshots/."""
import os

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, PUBLIC, set_viewport
import site_pages

SHOTS = ["home", "article", "unit", "procedure", "ranking", "search"]
PAGES = site_pages.by_type(PUBLIC)


def pick(kind):
    paths = PAGES.get(kind, [])
    if kind == "unit":
        # The unit page with the most content shows the design best.
        paths = sorted(paths, key=lambda p: -os.path.getsize(os.path.join(PUBLIC, p)))
    return paths[0] if paths else None


@pytest.mark.parametrize("kind", SHOTS)
def test_screenshot_at_phone_width(driver, server, kind):
    path = pick(kind)
    if path is None:
        pytest.skip(f"the site has no {kind} page")
    folder = os.path.join(ARTIFACTS, "screenshots")
    os.makedirs(folder, exist_ok=True)
    set_viewport(driver, 360, 800)
    url = server + site_pages.url_of(path) + ("?q=dang+ky" if kind == "search" else "")
    driver.get(url)
    if kind == "search":
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#danh-sach-ket-qua .result"))
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), 12000)
    set_viewport(driver, 360, height)
    file = os.path.join(folder, f"{kind}-360.png")
    assert driver.save_screenshot(file)
    assert os.path.getsize(file) > 5000
    set_viewport(driver, 360, 800)
