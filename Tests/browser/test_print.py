"""Print: a print button on articles and procedures (shown by the script), and a print stylesheet that drops
navigation and writes link targets out."""
import pytest

from conftest import PUBLIC, set_viewport
import site_pages

PAGES = site_pages.representatives(PUBLIC)


@pytest.mark.parametrize("kind", ["article", "procedure"])
def test_print_button_and_print_stylesheet(driver, server, kind):
    if kind not in PAGES:
        pytest.skip(f"the site has no {kind} page")
    set_viewport(driver, 360, 800)
    driver.get(server + site_pages.url_of(PAGES[kind]))
    button = driver.find_element("css selector", "button[data-print]")
    assert button.is_displayed() and button.text == "In trang này"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.site-nav', '.search-form', 'button[data-print]'].map(function (s) {"
            "  var e = document.querySelector(s); return !e || e.getClientRects().length === 0; })")
        assert hidden == [True, True, True], "navigation, search and the button are not printed"
        after = driver.execute_script(
            "var a = document.querySelector('main a[href^=\"http\"], main a[href^=\"/\"]');"
            "return a ? getComputedStyle(a, '::after').content : null")
        assert after and "(" in after
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_print_button_is_hidden_without_javascript(public):
    html = open(f"{public}/{PAGES['article']}", encoding="utf-8").read()
    assert "data-print hidden" in html
