#!/usr/bin/env python3
"""Replays recorded GitHub / GitLab API responses on 127.0.0.1 for the review
gate's integration tests.

Usage: api_replay_server.py SCENARIO.json PORT_FILE REQUEST_LOG

SCENARIO maps "METHOD PATH?QUERY" to a list of responses served in turn (the
last one repeats):
  {"routes": {"GET /repos/o/r/pulls/7/reviews?per_page=100": [
      {"status": 502},
      {"status": 200, "headers": {"Link": "<{base}/...&page=2>; rel=\\"next\\""},
       "body_file": "reviews_page1.json"}]}}
"{base}" in headers and bodies becomes this server's http://127.0.0.1:PORT;
"{foreign}" the http://127.0.0.1:PORT2 of a second listener on another port
(another origin: it answers every request 200 "{}" and logs it with
"origin": "foreign"); "{now+N}" in headers becomes the epoch second N seconds
from now; "{auth}" in a body becomes the request's Authorization (or
PRIVATE-TOKEN / JOB-TOKEN) header value, as a careless server echoes it.
"body" gives a literal body; "body_file" a file next to SCENARIO. The port
chosen is written to PORT_FILE once listening; every request (method, path,
header names and the Authorization / PRIVATE-TOKEN / JOB-TOKEN values) is
appended to REQUEST_LOG as JSON lines. Unknown routes get 404.
"""
import json
import os
import sys
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

scenario_path, port_file, log_path = sys.argv[1:4]
with open(scenario_path, encoding="utf-8") as f:
    scenario = json.load(f)
here = os.path.dirname(os.path.abspath(scenario_path))
served = {}
lock = threading.Lock()


foreign_base = ""


def expand(text, base):
    """{base}, {foreign} and {now+N} (epoch seconds N from now, for X-RateLimit-Reset)."""
    text = text.replace("{base}", base).replace("{foreign}", foreign_base)
    return re.sub(r"\{now\+(\d+)\}", lambda m: str(int(time.time()) + int(m.group(1))), text)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        key = "GET " + self.path
        if self.server.server_address[1] != main_port:
            with lock, open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "origin": "foreign", "method": "GET", "path": self.path,
                    "headers": {k: v for k, v in self.headers.items()}}) + "\n")
            self.reply(200, {}, b"{}")
            return
        with lock:
            responses = scenario["routes"].get(key)
            n = served.get(key, 0)
            served[key] = n + 1
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "method": "GET", "path": self.path,
                    "headers": {k: v for k, v in self.headers.items()}}) + "\n")
        if not responses:
            self.reply(404, {}, b'{"message": "Not Found"}')
            return
        r = responses[min(n, len(responses) - 1)]
        body = r.get("body", "")
        if "body_file" in r:
            with open(os.path.join(here, r["body_file"]), encoding="utf-8") as f:
                body = f.read()
        if not isinstance(body, str):
            body = json.dumps(body)
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        headers = {k: expand(v, base) for k, v in r.get("headers", {}).items()}
        auth = (self.headers.get("Authorization") or self.headers.get("PRIVATE-TOKEN")
                or self.headers.get("JOB-TOKEN") or "")
        body = expand(body, base).replace("{auth}", auth)
        self.reply(r.get("status", 200), headers, body.encode())

    def reply(self, status, headers, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write(fmt % args + "\n")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
main_port = server.server_address[1]
foreign = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
foreign_base = "http://127.0.0.1:%d" % foreign.server_address[1]
threading.Thread(target=foreign.serve_forever, daemon=True).start()
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
