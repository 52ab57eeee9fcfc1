#!/usr/bin/env python3
"""A stand-in for the Zalo OA Article API and the Facebook Graph API, on 127.0.0.1 only, for tests.

Usage: fake_social_server.py SCENARIO LOG_FILE
Prints "PORT <n>" once listening (the port is chosen by the system), then serves until killed.
Each request is appended to LOG_FILE as one JSON line: method, path, headers, body.

Accepted token: "good-token" (any other answers like an invalid token does).
Scenarios, counted per server (requests 1, 2, …):
  ok          every post succeeds
  flaky       request 1 answers 503, later ones succeed
  slow        request 1 waits 3 s before answering (the client times out), later ones succeed
  ratelimit   every request answers 429 with Retry-After: 120
  ratelimit1  request 1 answers 429 with Retry-After: 1, later ones succeed
  refuse      every request is refused as invalid (HTTP 400 / Zalo error -201 … not a token error)
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

SCENARIO = sys.argv[1]
LOG = sys.argv[2]
LOCK = threading.Lock()
COUNT = [0]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        with LOCK:
            COUNT[0] += 1
            number = COUNT[0]
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps({"method": "POST", "path": self.path, "headers": dict(self.headers),
                                      "body": body}, ensure_ascii=False) + "\n")
        zalo = self.path == "/v2.0/article/create"
        if zalo:
            token = self.headers.get("access_token")
        elif self.path.startswith("/v19.0/") and self.path.endswith("/feed"):
            token = parse_qs(body).get("access_token", [""])[0]
        else:
            return self.answer(404, {"error": {"message": "Unknown path", "code": 803}})

        if SCENARIO == "slow" and number == 1:
            time.sleep(3)
        if SCENARIO == "flaky" and number == 1:
            return self.answer(503, {"error": "Service Unavailable"})
        if SCENARIO == "ratelimit" or (SCENARIO == "ratelimit1" and number == 1):
            after = "120" if SCENARIO == "ratelimit" else "1"
            return self.answer(429, {"error": -32, "message": "Request limit exceeded"}, [("Retry-After", after)])
        if token != "good-token":
            if zalo:
                return self.answer(200, {"error": -216, "message": "Access token is invalid"})
            return self.answer(400, {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException",
                                               "code": 190, "fbtrace_id": "test"}})
        if SCENARIO == "refuse":
            if zalo:
                return self.answer(200, {"error": -203, "message": "Invalid parameter"})
            return self.answer(400, {"error": {"message": "Invalid parameter", "type": "OAuthException", "code": 100}})
        if zalo:
            return self.answer(200, {"error": 0, "message": "Success", "data": {"token": f"zalo-article-{number}"}})
        return self.answer(200, {"id": f"123456_{number}"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
