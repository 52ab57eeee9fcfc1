"""Typing queries on the search page: case, diacritics and đ/Đ fold; title matches rank first; types shown."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import set_viewport


def finished(status, query):
    return "“" + query.strip() + "”" in status or status.startswith(("Hãy gõ", "Không tải được"))


def search(driver, server, query):
    if "/tim-kiem/" not in driver.current_url:
        driver.get(server + "/tim-kiem/")
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query + Keys.ENTER)
    # The status names the query once its search has finished (or says why it could not run); waiting for
    # that, not merely for "Đang tìm" to go, keeps an earlier query's answer from being read as this one's.
    WebDriverWait(driver, 10).until(lambda d: finished(d.find_element(By.ID, "trang-thai-tim").text, query))
    items = driver.find_elements(By.CSS_SELECTOR, "#danh-sach-ket-qua .result")
    return driver.find_element(By.ID, "trang-thai-tim").text, [
        (i.find_element(By.CSS_SELECTOR, ".badge-kind").text, i.find_element(By.CSS_SELECTOR, "h3").text,
         i.find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")) for i in items]


@pytest.fixture()
def page(driver, server):
    """The search page on a slow phone connection: every index file arrives late, as on 3G, which is when a
    status read before its results would show."""
    set_viewport(driver, 360, 800)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 200 * 1024, "uploadThroughput": 100 * 1024})
    driver.get(server + "/tim-kiem/")
    yield driver
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def titles(results):
    return [r[1] for r in results]


def test_diacritics_and_case_do_not_matter(page, server):
    _, with_marks = search(page, server, "THỦ TỤC khai sinh")
    _, without = search(page, server, "thu tuc khai sinh")
    assert with_marks and with_marks == without
    assert any("khai sinh" in t.lower() for t in titles(without))


def test_d_and_dj_are_the_same_letter(page, server):
    _, marked = search(page, server, "đăng ký")
    _, plain = search(page, server, "dang ky")
    assert marked and marked == plain
    _, land = search(page, server, "dat dai")
    assert any("đất đai" in t.lower() for t in titles(land)), titles(land)


def test_title_matches_rank_first_and_types_are_shown(page, server):
    _, results = search(page, server, "khai sinh")
    assert results
    assert "khai sinh" in results[0][1].lower()
    kinds = {r[0] for r in results}
    assert kinds <= {"Bài viết", "Thủ tục", "Đường dây nóng", "Trang"}


def test_result_links_open_the_page(page, server):
    _, results = search(page, server, "lien he")
    assert results and results[0][1] == "Liên hệ"
    page.get(results[0][2])
    assert page.find_element(By.TAG_NAME, "h1").text == "Liên hệ"


def test_query_in_the_address_runs_on_load(driver, server):
    set_viewport(driver, 360, 800)
    driver.get(server + "/tim-kiem/?q=Dang+ky")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".result"))
    assert driver.find_element(By.ID, "q").get_attribute("value") == "Dang ky"


def test_nothing_found_says_so(page, server):
    status, results = search(page, server, "xyzzyqq")
    assert not results and "Không tìm thấy" in status


def test_unfinished_last_word_still_finds(page, server):
    _, complete = search(page, server, "khai sinh")
    _, partial = search(page, server, "khai sin")
    assert partial == complete
