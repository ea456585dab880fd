#!/usr/bin/python3
"""A stand-in for another installation's feed, for tests/http/test_http_feeds.c.

Serves the bytes in DIR/feed.json with the signature in DIR/feed.sig (the
header X-Emptychair-Signature, as emptychair sends it), spoilt by the path:

    /tampered   one byte of the feed changed, the signature kept
    /big        the feed followed by 5 MiB of spaces (still JSON)
    /slow       the feed, after 30 seconds
    anything    the feed as it is

Prints "ready PORT" when it listens on 127.0.0.1, and runs until SIGTERM.
Standard library only; run with /usr/bin/python3.
"""
import argparse
import http.server
import os
import signal
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    args = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with open(os.path.join(args.dir, "feed.json"), "rb") as f:
                body = f.read()
            with open(os.path.join(args.dir, "feed.sig"), "r") as f:
                signature = f.read().strip()
            if self.path.startswith("/tampered"):
                at = body.find(b"Z")
                body = body[:at] + b"Y" + body[at + 1:] if at >= 0 else body + b" "
            elif self.path.startswith("/big"):
                body = body + b" " * (5 << 20)
            elif self.path.startswith("/slow"):
                time.sleep(30)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/feed+json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Emptychair-Signature", signature)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    print("ready %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
