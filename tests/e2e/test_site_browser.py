"""The demo site in a real browser: Debian's headless Chromium, driven by Selenium
through Debian's chromedriver, loads the built site from 127.0.0.1.

Checked as a reader would see it: every image decoded, the seed post's title and its
five images, search (Pagefind, in the page) finding Chinese and English words, nothing
fetched from anywhere but the site, and no console errors (a Content-Security-Policy
violation is one). Screenshots of the index and the seed post are kept under
output/site-screenshots/ (README shows committed copies from docs/).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from archiver.demo.site import SAMPLE_TITLE
from tests.support.crawl import PROJECT_ROOT
from tests.support.site import SEED_POST, build_strict, crawl_demo_archive, serve_directory, site_url_path

pytestmark = pytest.mark.slow

SCREENSHOTS = PROJECT_ROOT / "output" / "site-screenshots"
CHROMIUM_FLAGS = [
    # As root in a container: no sandbox; nothing that phones home or updates itself.
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000", "--lang=en-US",
]


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    # make test installs them (.ci/system-deps): a missing browser is a failure, never a skip.
    pytest.fail("Debian's chromium and chromium-driver are needed: apt-get install -y chromium chromium-driver")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("archive")
    crawl_demo_archive(root)
    build_strict(root)
    with serve_directory(root / "site") as base_url:
        yield root, base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    binary, driver_path = _chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="archiver-chromium-")
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager never tries to download one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(browser: webdriver.Chrome, url: str) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.readyState === 'complete' && "
                                   "Array.from(document.images).every(img => img.complete)"))


def _images(browser: webdriver.Chrome) -> list[dict[str, object]]:
    return browser.execute_script(
        "return Array.from(document.images).map(img => ({src: img.getAttribute('src'), width: img.naturalWidth}))")


def _assert_clean(browser: webdriver.Chrome, base_url: str) -> None:
    """Every image decoded, nothing fetched from elsewhere, no console errors."""
    images = _images(browser)
    assert images, browser.current_url
    assert [image for image in images if not image["width"]] == [], browser.current_url
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(entry => entry.name)")
    assert [url for url in fetched if not url.startswith(base_url + "/")] == []
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors


def _screenshot(browser: webdriver.Chrome, name: str) -> Path:
    """A full-page PNG, 1280 CSS pixels wide (DevTools: the viewport made as tall as the page)."""
    height = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1280, "height": int(height), "deviceScaleFactor": 1, "mobile": False})
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert browser.save_screenshot(str(path))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def _path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def test_index_shows_every_post_with_its_thumbnail(site: tuple[Path, str], browser: webdriver.Chrome) -> None:
    root, base_url = site
    _open(browser, base_url + "/")
    _assert_clean(browser, base_url)
    titles = [h2.text for h2 in browser.find_elements(By.CSS_SELECTOR, ".card h2")]
    archived = {frontmatter.load(path)["title"] for path in (root / "posts").rglob("*.md")}
    assert set(titles) == archived and len(titles) == 7
    assert len([img for img in _images(browser) if "-thumb." in str(img["src"])]) == 7
    shot = _screenshot(browser, "index")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_source_page_shows_that_sources_posts(site: tuple[Path, str], browser: webdriver.Chrome) -> None:
    _root, base_url = site
    _open(browser, base_url + "/sources/qutoutiao/")
    _assert_clean(browser, base_url)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith("qutoutiao")
    titles = [h2.text for h2 in browser.find_elements(By.CSS_SELECTOR, ".card h2")]
    assert len(titles) == 3 and SAMPLE_TITLE in titles


def test_seed_post_shows_its_title_and_five_images(site: tuple[Path, str], browser: webdriver.Chrome) -> None:
    root, base_url = site
    _open(browser, base_url + site_url_path(SEED_POST))
    _assert_clean(browser, base_url)
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == SAMPLE_TITLE
    assert browser.title.startswith(SAMPLE_TITLE)
    body_images = browser.find_elements(By.CSS_SELECTOR, "article .content img")
    assert len(body_images) == 5
    assert all(img.get_property("naturalWidth") > 0 and img.is_displayed() for img in body_images)
    header = browser.find_element(By.CSS_SELECTOR, "article img.headimg")
    assert header.get_property("naturalWidth") > 0
    assert header.get_attribute("src").endswith(frontmatter.load(root / SEED_POST)["headimg"])
    _screenshot(browser, "seed-post")


def _search_results(browser: webdriver.Chrome) -> list[tuple[str, str]]:
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")
        or "No results" in b.find_element(By.ID, "search").text)
    return [(link.text, _path_of(link.get_attribute("href")))
            for link in browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")]


@pytest.mark.parametrize(("query", "post"), [
    ("饭碗", SEED_POST),  # in the title
    ("李静玮", SEED_POST),  # a name only in the body: Chinese words are segmented
    ("harbor", "posts/world-news/2022/2022-05-09-harbor-expansion-wins-final-approval.md"),
])
def test_search_from_the_header_finds_the_post(site: tuple[Path, str], browser: webdriver.Chrome,
                                               query: str, post: str) -> None:
    root, base_url = site
    _open(browser, base_url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "header input[name=q]")
    box.send_keys(query, Keys.ENTER)
    WebDriverWait(browser, 20).until(lambda b: "/search/" in b.current_url)
    results = _search_results(browser)
    title = frontmatter.load(root / post)["title"]
    assert (title, site_url_path(post)) in results, results
    if query == "饭碗":
        assert results == [(title, site_url_path(post))]
    _assert_clean(browser, base_url)


def test_search_for_a_word_not_archived_finds_nothing(site: tuple[Path, str], browser: webdriver.Chrome) -> None:
    _root, base_url = site
    _open(browser, base_url + "/search/?q=zeppelin")
    assert _search_results(browser) == []
