"""Fixtures of the browser suite: the built site, a real nginx serving it on 127.0.0.1, headless Chromium.

The site is built by scripts/browser-tests (or point LOA_PUBLIC at any built site, built with --gzip).
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

import site_pages

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PUBLIC = os.path.abspath(os.environ.get("LOA_PUBLIC", os.path.join(ROOT, "public")))
ARTIFACTS = os.path.abspath(os.environ.get("LOA_ARTIFACTS", os.path.join(ROOT, "artifacts")))
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NGINX = "/usr/sbin/nginx"

NGINX_CONF = """
daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css application/javascript application/json text/xml application/xml image/svg+xml text/vcard;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {public};
        index index.html;
        error_page 404 /404.html;
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def pytest_configure(config):
    if not os.path.isfile(os.path.join(PUBLIC, "index.html")):
        raise pytest.UsageError(f"no built site at {PUBLIC}: run scripts/browser-tests (or set LOA_PUBLIC)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def public():
    return PUBLIC


@pytest.fixture(scope="session")
def pages():
    """{page type: representative HTML path}."""
    return site_pages.representatives(PUBLIC)


@pytest.fixture(scope="session")
def server():
    """Base URL of an nginx serving the built site; stopped through its pid file."""
    tmp = tempfile.mkdtemp(prefix="loa-nginx-")
    port = free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        # As root, workers would run as "nobody" and could not read a site under a private folder.
        user = "user root;" if os.geteuid() == 0 else ""
        f.write(NGINX_CONF.format(tmp=tmp, port=port, public=PUBLIC, user=user))
    process = subprocess.Popen([NGINX, "-c", conf, "-p", tmp], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 10
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            break
        except Exception:
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError("nginx did not start: " + process.stderr.read().decode(errors="replace"))
            time.sleep(0.05)
    yield base
    pid_file = os.path.join(tmp, "nginx.pid")
    with open(pid_file) as f:
        pid = int(f.read().strip())
    # Fast shutdown: a graceful one would wait for the browser's keep-alive connections.
    os.kill(pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.kill(pid, signal.SIGKILL)
        process.wait(timeout=5)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--lang=vi", "--hide-scrollbars"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.set_script_timeout(60)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


def set_viewport(driver, width, height):
    """The exact CSS viewport, through DevTools (a window size is not a viewport)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
