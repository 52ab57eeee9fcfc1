"""Page types of a built Loa site: which HTML file is which kind of page.

Shared by scripts/page-weights and the browser tests, so both cover the same pages.
"""
import os
import re

# First path segment → (type of the segment's own index, type of the pages below it).
SECTIONS = {
    "tin-tuc": ("article list", "article"),
    "chuyen-muc": ("category list", "category"),
    "the": ("tag list", "tag"),
    "don-vi": ("unit list", "unit"),
    "tim-kiem": ("search", "search"),
    "thu-tuc": ("procedures catalogue", "procedure"),
    "duong-day-nong": ("hotlines", "hotlines"),
    "xep-hang": ("rankings", "ranking"),
    "feeds": ("feeds", "feeds"),
    "ban-do-trang": ("site map", "site map"),
}


def html_files(public):
    out = []
    for folder, dirs, files in os.walk(public):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                out.append(os.path.relpath(os.path.join(folder, name), public))
    return out


def page_type(path):
    """The type of one HTML file given relative to the site root, e.g. 'tin-tuc/abc/index.html'."""
    if path == "index.html":
        return "home"
    if path == "404.html":
        return "404"
    parts = path.split("/")
    if parts[-1] != "index.html":
        return "other"
    parts = parts[:-1]
    # Pages 2, 3… of a list belong to the list they continue.
    if len(parts) >= 2 and parts[-2] == "trang" and re.fullmatch(r"\d+", parts[-1]):
        parts = parts[:-2]
    head = parts[0]
    if head == "thu-tuc" and len(parts) >= 2 and parts[1] == "linh-vuc":
        return "procedure field"
    if head == "xep-hang" and len(parts) == 3:
        return "ranking year"
    if head in SECTIONS:
        own, below = SECTIONS[head]
        return own if len(parts) == 1 else below
    return "standing page" if len(parts) == 1 else head


def is_redirect(public, path):
    """An old address (aliases, former unit names): a page that sends the browser on at once."""
    with open(os.path.join(public, path), encoding="utf-8") as f:
        return 'http-equiv="refresh"' in f.read(4096)


def by_type(public):
    """{type: [paths…]} in a stable order."""
    types = {}
    for path in html_files(public):
        kind = "redirect" if is_redirect(public, path) else page_type(path)
        types.setdefault(kind, []).append(path)
    return dict(sorted(types.items()))


def representatives(public):
    """One page per type (its first in path order), for the checks in a browser. Redirect pages are left
    out there: the browser leaves them at once for their target (they are still validated and served)."""
    return {kind: paths[0] for kind, paths in by_type(public).items() if kind != "redirect"}


def url_of(path):
    """The URL path of an HTML file: 'tin-tuc/abc/index.html' → '/tin-tuc/abc/'."""
    if path.endswith("index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path
