#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 that misbehaves on purpose, for the HTTP
client's and the slo gate's fault tests. Standard library only.

Usage: fault_server.py PORT_FILE [--upstream URL] [--tls CERT KEY]
Writes the port it listens on to PORT_FILE once ready. Paths:
  /echo...                  200, JSON: method, path, headers, body
  /status/CODE...           CODE with a Prometheus-style error body
  /flaky/KEY/N/REST         503 for the first N requests on KEY, then REST
  /ratelimit/KEY/N/REST     429 + Retry-After: 1 for the first N, then REST
  /hang...                  reads the request, never answers
  /malformed...             200 with a truncated JSON body
  /html...                  200 with an HTML page
  /count/KEY                how many requests KEY has seen, as text
  /echoauth/CODE...         CODE with a text body echoing every request header,
                            Authorization included (a careless server's error page)
  /redirect/URL-ENCODED...  302 to the percent-decoded URL (another origin)
REST is answered from --upstream (a real Prometheus) when given, else echoed.
"""
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

counts = {}
lock = threading.Lock()
upstream = None


def bump(key):
    with lock:
        counts[key] = counts.get(key, 0) + 1
        return counts[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s\n" % (fmt % args))

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, code, data, ctype="application/json", extra=None):
        if isinstance(data, str):
            data = data.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def echo(self, path, body):
        self.reply(200, json.dumps({
            "method": self.command, "path": path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace")}))

    def forward(self, rest, body):
        if upstream is None:
            return self.echo(rest, body)
        req = urllib.request.Request(upstream + rest, data=body if self.command == "POST" else None,
                                     method=self.command)
        ctype = self.headers.get("Content-Type")
        if ctype:
            req.add_header("Content-Type", ctype)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return self.reply(r.status, r.read())
        except urllib.error.HTTPError as e:
            return self.reply(e.code, e.read())

    def handle_any(self):
        body = self.body()
        parts = self.path.split("?", 1)[0].split("/")
        head = parts[1] if len(parts) > 1 else ""
        if head == "echo":
            return self.echo(self.path, body)
        if head == "status":
            code = int(parts[2])
            return self.reply(code, json.dumps({
                "status": "error", "errorType": "bad_data" if code < 500 else "unavailable",
                "error": "injected HTTP %d" % code}))
        if head in ("flaky", "ratelimit"):
            key, n = parts[2], int(parts[3])
            rest = "/" + "/".join(parts[4:])
            if "?" in self.path:
                rest += "?" + self.path.split("?", 1)[1]
            if bump(key) <= n:
                if head == "flaky":
                    return self.reply(503, "service unavailable", "text/plain")
                return self.reply(429, "slow down", "text/plain", {"Retry-After": "1"})
            return self.forward(rest, body)
        if head == "hang":
            time.sleep(3600)
            return None
        if head == "malformed":
            return self.reply(200, '{"status":"success","data":{"resultType":"vector","result":[')
        if head == "html":
            return self.reply(200, "<html><body>Bad Gateway</body></html>", "text/html")
        if head == "echoauth":
            lines = ["%s: %s" % (k, v) for k, v in self.headers.items()]
            return self.reply(int(parts[2]), "denied; you sent " + "; ".join(lines), "text/plain")
        if head == "redirect":
            return self.reply(302, "", "text/plain",
                              {"Location": urllib.parse.unquote(parts[2])})
        if head == "count":
            with lock:
                return self.reply(200, str(counts.get(parts[2], 0)), "text/plain")
        return self.reply(404, "404 page not found\n", "text/plain")

    do_GET = handle_any
    do_POST = handle_any


def main():
    global upstream
    port_file = sys.argv[1]
    args = sys.argv[2:]
    tls = None
    while args:
        if args[0] == "--upstream":
            upstream = args[1].rstrip("/")
            args = args[2:]
        elif args[0] == "--tls":
            tls = (args[1], args[2])
            args = args[3:]
        else:
            sys.exit("unknown argument " + args[0])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
