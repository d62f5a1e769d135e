#!/usr/bin/env python3
"""A webhook receiver for trying Hookline locally (standard library only).

Prints every request it gets and checks both signatures when it knows the secret, from WEBHOOK_SECRET or
from the file named by WEBHOOK_SECRET_FILE (read at each request, so it can be written after start-up):
  Standard Webhooks: webhook-signature = v1,base64(HMAC-SHA256(base64decode(secret minus "whsec_"),
                     "{webhook-id}.{webhook-timestamp}.{body}"))
  Seed-compatible:   X-Define-Signature = sha256=hex(HMAC-SHA256(secret as UTF-8, body))

  WEBHOOK_SECRET=whsec_... python3 examples/receiver.py [port]   (default port 9000, 127.0.0.1 only)
  WEBHOOK_SECRET_FILE=secret.txt python3 examples/receiver.py [port]
"""
import base64
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

def secret():
    path = os.environ.get("WEBHOOK_SECRET_FILE")
    if path:
        try:
            with open(path) as f:
                return f.read().strip()
        except OSError:
            return ""
    return os.environ.get("WEBHOOK_SECRET", "")


def standard_webhooks_ok(secret_key, headers, body):
    key = base64.b64decode(secret_key[len("whsec_"):])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(s.split(",", 1)[1], expected) for s in headers["webhook-signature"].split())


def define_signature_ok(secret_key, headers, body):
    expected = "sha256=" + hmac.new(secret_key.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers.get("X-Define-Signature", ""), expected)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        print(f"\n--- {self.command} {self.path}")
        for name in ("webhook-id", "webhook-timestamp", "webhook-signature", "X-Define-Signature", "X-Define-Event"):
            print(f"{name}: {self.headers.get(name)}")
        print(json.dumps(json.loads(body), indent=2))
        key = secret()
        if key:
            print("webhook-signature:", "valid" if standard_webhooks_ok(key, self.headers, body) else "INVALID")
            print("X-Define-Signature:", "valid" if define_signature_ok(key, self.headers, body) else "INVALID")
        else:
            print("(no secret yet: signatures not checked)")
        sys.stdout.flush()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
    print(f"Listening on http://127.0.0.1:{port}", flush=True)
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
