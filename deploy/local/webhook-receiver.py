#!/usr/bin/env python3
"""A webhook receiver for the demo: takes the notifier's POSTs on a loopback port and appends each finding change
(a CloudEvent in structured mode, or each of a batch) to a file, one JSON line each, and a line about it to stdout.

    webhook-receiver.py PORT FILE

Only for ./portwatch demo on this machine: it binds 127.0.0.1, takes bodies up to 1 MiB and checks no signature
(docs/notifier.md says how a real receiver verifies one).
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 20


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            self.send_error(400)
            return
        changes = [change for change in (body if isinstance(body, list) else [body]) if isinstance(change, dict)]
        with open(self.server.file, "a", encoding="utf-8") as out:
            for change in changes:
                out.write(json.dumps(change, ensure_ascii=True) + "\n")
        for change in changes:
            data = change.get("data") if isinstance(change.get("data"), dict) else {}
            # ensure_ascii and the escapes of json.dumps: a watched host's names reach no terminal raw.
            print("received", json.dumps(change.get("type")), json.dumps(data.get("title")), flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver)
    server.file = sys.argv[2]
    print("webhook receiver: ready on 127.0.0.1:%s" % sys.argv[1], flush=True)
    server.serve_forever()
