#!/usr/bin/env python3
"""Validates every feed of a built Loa site.

Usage: validate_feeds.py PUBLIC_DIR

For each feed under PUBLIC_DIR/feeds/ (rss.xml, atom.xml, feed.json):
  * feedparser parses RSS and Atom with bozo == 0 (feedparser 6.0 does not read JSON Feed, which is
    checked against its specification here instead);
  * RSS 2.0: channel title, link, description; items with title, link, guid, RFC 822 pubDate;
    atom:link rel="self";
  * Atom 1.0: feed id, title, updated, link rel="self", author (on the feed or on every entry);
    entries with id, title, updated; feed updated == newest entry updated;
  * JSON Feed 1.1: version URL, title, items with id, content_html or content_text,
    date_published in RFC 3339;
  * every URL (links, ids, and href/src inside the HTML content) is absolute.
Prints one line per failing check and "N passed, N failed"; exits 1 when anything failed.
"""
import email.utils
import html.parser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = ("http://", "https://", "mailto:", "tel:")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)


def html_urls(markup):
    parser = Links()
    parser.feed(markup or "")
    parser.close()
    return parser.urls


def absolute(url):
    return isinstance(url, str) and url.startswith(ABSOLUTE)


def check_urls(problems, where, urls):
    for url in urls:
        if not absolute(url):
            problems.append(f"{where}: URL is not absolute: {url!r}")


def text(element, path):
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def check_feedparser(problems, path, expected_prefix):
    parsed = feedparser.parse(path)
    if parsed.bozo:
        problems.append(f"feedparser bozo: {parsed.bozo_exception!r}")
    if not str(parsed.version).startswith(expected_prefix):
        problems.append(f"feedparser sees version {parsed.version!r}, expected {expected_prefix}*")
    return parsed


def check_rss(path):
    problems = []
    check_feedparser(problems, path, "rss20")
    root = ET.parse(path).getroot()
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("root element is not <rss version=\"2.0\">")
    channel = root.find("channel")
    if channel is None:
        return problems + ["no <channel>"]
    for name in ("title", "link", "description"):
        if not text(channel, name):
            problems.append(f"channel has no <{name}>")
    check_urls(problems, "channel link", [text(channel, "link")])
    selves = [l for l in channel.findall(ATOM + "link") if l.get("rel") == "self"]
    if not selves:
        problems.append("channel has no atom:link rel=\"self\"")
    check_urls(problems, "atom:link", [l.get("href") for l in selves])
    for date_name in ("pubDate", "lastBuildDate"):
        value = text(channel, date_name)
        if value and email.utils.parsedate_to_datetime(value) is None:
            problems.append(f"channel {date_name} is not RFC 822: {value!r}")
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        for name in ("title", "link", "guid", "pubDate"):
            if not text(item, name):
                problems.append(f"{where} has no <{name}>")
        try:
            email.utils.parsedate_to_datetime(text(item, "pubDate"))
        except (TypeError, ValueError):
            problems.append(f"{where} pubDate is not RFC 822")
        check_urls(problems, where, [text(item, "link"), text(item, "guid")])
        check_urls(problems, where + " content", html_urls(text(item, CONTENT)))
    return problems


def check_atom(path):
    problems = []
    check_feedparser(problems, path, "atom10")
    root = ET.parse(path).getroot()
    if root.tag != ATOM + "feed":
        return problems + ["root element is not an Atom <feed>"]
    for name in ("id", "title", "updated"):
        if not text(root, ATOM + name):
            problems.append(f"feed has no <{name}>")
    if not RFC3339.match(text(root, ATOM + "updated")):
        problems.append("feed <updated> is not RFC 3339")
    links = root.findall(ATOM + "link")
    if not any(l.get("rel") == "self" for l in links):
        problems.append("feed has no link rel=\"self\"")
    check_urls(problems, "feed", [text(root, ATOM + "id")] + [l.get("href") for l in links])
    feed_author = root.find(ATOM + "author/" + ATOM + "name") is not None
    newest = ""
    for number, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            if not text(entry, ATOM + name):
                problems.append(f"{where} has no <{name}>")
        updated = text(entry, ATOM + "updated")
        if not RFC3339.match(updated):
            problems.append(f"{where} <updated> is not RFC 3339")
        newest = max(newest, updated)
        if not feed_author and entry.find(ATOM + "author/" + ATOM + "name") is None:
            problems.append(f"{where} has no author and neither has the feed")
        check_urls(problems, where, [text(entry, ATOM + "id")] + [l.get("href") for l in entry.findall(ATOM + "link")])
        check_urls(problems, where + " content", html_urls(text(entry, ATOM + "content")))
    if newest and newest != text(root, ATOM + "updated"):
        problems.append(f"feed <updated> {text(root, ATOM + 'updated')} is not the newest entry's {newest}")
    return problems


def check_json(path):
    problems = []
    with open(path, encoding="utf-8") as handle:
        feed = json.load(handle)
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {feed.get('version')!r}, not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("no title")
    if not isinstance(feed.get("items"), list):
        return problems + ["items is not a list"]
    check_urls(problems, "feed", [feed.get(k) for k in ("home_page_url", "feed_url") if k in feed])
    for number, item in enumerate(feed["items"], 1):
        where = f"item {number}"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where} has no string id")
        if not item.get("content_html") and not item.get("content_text"):
            problems.append(f"{where} has neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                problems.append(f"{where} {key} is not RFC 3339: {item[key]!r}")
        if "date_published" not in item:
            problems.append(f"{where} has no date_published")
        check_urls(problems, where, [item.get(k) for k in ("id", "url", "image") if k in item])
        check_urls(problems, where + " content", html_urls(item.get("content_html")))
    return problems


CHECKS = {"rss.xml": check_rss, "atom.xml": check_atom, "feed.json": check_json}


def main(public):
    feeds = []
    for folder, _, files in os.walk(os.path.join(public, "feeds")):
        feeds += [os.path.join(folder, f) for f in files if f in CHECKS]
    feeds.sort()
    passed = failed = 0
    if not feeds:
        print(f"no feeds found under {public}/feeds")
        failed += 1
    for path in feeds:
        try:
            problems = CHECKS[os.path.basename(path)](path)
        except Exception as error:  # a feed that cannot even be read is a failure, not a crash
            problems = [f"cannot be checked: {error!r}"]
        if problems:
            failed += 1
            for problem in problems:
                print(f"FAIL {os.path.relpath(path, public)}: {problem}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
