#!/usr/bin/python3
"""An SMTP relay for the delivery tests (tests/http/test_http_mail.c).

Listens on 127.0.0.1 with STARTTLS required and AUTH (PLAIN or LOGIN, only
over TLS) for one user; keeps each message it takes as DIR/messages/N.eml
beside N.json (envelope sender and recipient, whether TLS and AUTH were
used). What it answers depends on the recipient's local part:

    reject...@         550 5.1.1 to the recipient, every time
    tempfail-K...@     451 4.3.0 to the recipient the first K times
    anything else      taken

--slow S waits S seconds before taking each message's data. The TLS
certificate is made with openssl into DIR on first use. Prints "ready PORT"
when it listens, and runs until SIGTERM or SIGINT.

Debian's python3-aiosmtpd (scripts/deps.sh test); run with /usr/bin/python3.
"""
import argparse
import asyncio
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Sink:
    def __init__(self, directory, slow):
        self.dir = os.path.join(directory, "messages")
        os.makedirs(self.dir, exist_ok=True)
        self.slow = slow
        self.tries = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 No such user here"
        m = re.match(r"tempfail-(\d+)", local)
        if m:
            self.tries[address] = self.tries.get(address, 0) + 1
            if self.tries[address] <= int(m.group(1)):
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.slow:
            await asyncio.sleep(self.slow)
        n = len([f for f in os.listdir(self.dir) if f.endswith(".eml")]) + 1
        base = os.path.join(self.dir, "%04d" % n)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                "tls": session.ssl is not None, "auth": session.authenticated}
        # The .eml last, each written whole, so that a reader never sees half.
        for path, data in ((base + ".json", json.dumps(meta).encode()),
                           (base + ".eml", envelope.original_content)):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.rename(path + ".tmp", path)
        return "250 2.0.0 Message accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--slow", type=float, default=0)
    a = p.parse_args()
    port = a.port
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    cert, key = certificate(a.dir)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and data.login == a.user.encode()
              and data.password == a.password.encode())
        return AuthResult(success=ok)

    controller = Controller(Sink(a.dir, a.slow), hostname="127.0.0.1", port=port,
                            tls_context=tls, require_starttls=True, authenticator=authenticator,
                            auth_required=True, auth_require_tls=True)
    controller.start()
    print("ready %d" % port, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    # aiosmtpd 1.4 warns about its own use of Session.login_data.
    warnings.filterwarnings("ignore", message="Session.login_data")
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    sys.exit(main())
