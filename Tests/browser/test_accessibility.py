"""axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium on every page type, phone and desktop viewports;
reflow at 320 px (what 200 % zoom of a 640 px window gives); pages readable with JavaScript off."""
import json

import pytest
from axe_selenium_python import Axe

from conftest import PUBLIC, set_viewport
import site_pages

VIEWPORTS = [(360, 800), (1280, 800)]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_url(server, kind, path):
    url = server + site_pages.url_of(path)
    # The search page is checked with results shown, which the script builds.
    return url + "?q=thu+tuc+hanh+chinh" if kind == "search" else url


def wait_for_search(driver):
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("var s = document.getElementById('trang-thai-tim');"
                                   "return s && s.textContent && s.textContent.indexOf('Đang tìm') < 0"))


PAGES = site_pages.representatives(PUBLIC)


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_finds_no_violations(driver, server, kind, width, height):
    path = PAGES[kind]
    set_viewport(driver, width, height)
    driver.get(page_url(server, kind, path))
    if kind == "search":
        wait_for_search(driver)
    assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == [width, height]
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": TAGS}}))
    failures = []
    for violation in results["violations"]:
        nodes = "; ".join(str(n["target"]) for n in violation["nodes"][:5])
        failures.append(f"{violation['id']} – {violation['help']} – {nodes}")
    assert not failures, f"{width}px {kind} ({path}):\n" + "\n".join(failures)


def test_no_horizontal_scrolling_at_320px(driver, server, pages):
    set_viewport(driver, 320, 640)
    wide = []
    for kind, path in pages.items():
        driver.get(page_url(server, kind, path))
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > 320:
            wide.append(f"{kind} ({path}): {scroll}px wide")
    assert not wide, "\n".join(wide)


def test_pages_are_readable_without_javascript(driver, server, pages):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        set_viewport(driver, 360, 800)
        for kind, path in pages.items():
            driver.get(server + site_pages.url_of(path))
            h1 = driver.execute_script("var h = document.querySelector('h1'); return h ? h.textContent.trim() : ''")
            text = driver.execute_script("return document.querySelector('main').innerText.trim().length")
            assert h1 and text > 40, f"{kind}: nothing readable without JavaScript"
            if kind == "search":
                assert driver.execute_script("return !!document.querySelector('form[action] label')")
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_focus_is_visible(driver, server, pages):
    """Tabbing to the skip link shows it on screen, with an outline."""
    from selenium.webdriver.common.keys import Keys
    set_viewport(driver, 360, 800)
    driver.get(server + "/")
    driver.find_element("css selector", "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", active)
    assert top >= 0
    style = driver.execute_script("var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth]", active)
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
    # The next Tab goes to the first link of the header, also with a visible outline.
    active.send_keys(Keys.TAB)
    style = driver.execute_script("var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
