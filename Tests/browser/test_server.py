"""The built site served by a real nginx: status, content type, 404 page, gzip_static."""
import gzip
import html.parser
import http.client
import os
import re
import urllib.parse

import site_pages


def fetch(base, path, headers=None):
    parsed = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    conn.request("GET", urllib.parse.quote(path), headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_every_page_answers_200_as_utf8_html(server, public):
    for path in site_pages.html_files(public):
        if path == "404.html":
            continue
        status, headers, body = fetch(server, site_pages.url_of(path))
        assert status == 200, path
        assert headers["content-type"] == "text/html; charset=utf-8", path
        html = body.decode("utf-8")
        assert '<html lang="vi">' in html, path
        assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{path}: not exactly one h1"
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
        assert levels[0] == 1, f"{path}: the first heading is not the h1"
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path}: heading level jumps from h{before} to h{after}"


def test_unknown_path_gets_the_404_page(server, public):
    status, headers, body = fetch(server, "/khong-co-trang-nay/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == open(os.path.join(public, "404.html"), "rb").read()


def test_gzip_static_serves_the_precompressed_bytes(server, public):
    for path in ("index.html", "assets/style.css", "assets/search.js", "tim-kiem/chi-muc/meta.json"):
        url = site_pages.url_of(path) if path.endswith(".html") else "/" + path
        plain = open(os.path.join(public, path), "rb").read()
        packed = open(os.path.join(public, path + ".gz"), "rb").read()
        assert gzip.decompress(packed) == plain, path
        status, headers, body = fetch(server, url, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert body == packed, f"{path}: nginx did not serve the .gz file as it is"
        status, headers, body = fetch(server, url)
        assert status == 200 and "content-encoding" not in headers and body == plain, path


def test_pages_are_light(public):
    """HTML plus CSS of every page under 60 KB before compression (scripts/page-weights prints them)."""
    css = sum(os.path.getsize(os.path.join(public, "assets", f)) for f in ("style.css", "print.css"))
    for path in site_pages.html_files(public):
        size = os.path.getsize(os.path.join(public, path)) + css
        assert size < 60 * 1024, f"{path}: {size} bytes"


class ResourceFinder(html.parser.HTMLParser):
    """URLs a browser loads by itself: scripts, stylesheets, icons, images, frames, media."""
    LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and set((a.get("rel") or "").split()) & self.LOADING_RELS:
            self.urls.append(a.get("href", ""))


def test_no_third_party_requests_or_web_fonts(public):
    for path in site_pages.html_files(public):
        finder = ResourceFinder()
        finder.feed(open(os.path.join(public, path), encoding="utf-8").read())
        foreign = [u for u in finder.urls if re.match(r"^(https?:)?//", u)]
        assert not foreign, f"{path} loads from another host: {foreign}"
    for name in os.listdir(os.path.join(public, "assets")):
        if name.endswith(".css"):
            text = open(os.path.join(public, "assets", name), encoding="utf-8").read()
            assert "@font-face" not in text and "@import" not in text and "url(http" not in text, name
