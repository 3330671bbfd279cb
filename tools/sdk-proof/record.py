"""A tiny recording HTTP server on 127.0.0.1: what arrived, as JSON lines.

Issue 9 is to compare the request the Python SDK sends with the one the
generated Rust client sends, both recorded here the same way, so that the
comparison is between two records, never between two code paths
(cli/tests/sdk_proof.rs runs this file as a process for the Rust client;
see README.md).
Each request becomes one JSON object (see `record()`), and is answered
with a canned response chosen by path (see `Recorder.answer_for`).

The same port also speaks TLS: the SDK's meeting logins always use https
(`meeting_credentials.py` builds them with schema 'https' whatever the
endpoint says), so the first byte of each connection is peeked and a TLS
ClientHello (0x16) is wrapped with a throw-away self-signed certificate
made by the `openssl` command (no TLS if it is missing).

Standard library only; any python3:
    python3 tools/sdk-proof/record.py [--port 0] [--answer FILE] [--log FILE]
The answer file is {"status":..., "headers":{...}, "body": JSON} with an
optional "paths": {"/exact/path": {...same...}} for per-path answers.
"""
import argparse
import base64
import http.server
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
from urllib.parse import parse_qsl

LOGIN_TOKEN = "sdk-proof-login-token"
LOGIN_PATHS = ("/v1/usg/acs/auth/account", "/v2/usg/acs/auth/appauth")
DEFAULT_ANSWER = {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {}}


def record(method, target, headers, body, tls):
    """One request as JSON: everything the comparison may look at, nothing interpreted away."""
    path, _, query = target.partition("?")
    rec = {"tls": tls, "method": method, "target": target, "path": path,
           "query": [list(kv) for kv in parse_qsl(query, keep_blank_values=True)],
           "headers": [[k, v] for k, v in headers], "body_base64": base64.b64encode(body).decode()}
    ctype = next((v for k, v in headers if k.lower() == "content-type"), "")
    boundary = re.search(r'boundary="?([^";]+)"?', ctype)
    if ctype.lower().startswith("multipart/") and boundary:
        rec["multipart"] = multipart_parts(body, boundary.group(1).encode())
    elif body:
        try:
            rec["json"] = json.loads(body)
        except ValueError:
            pass
    return rec


def multipart_parts(body, boundary):
    """The parts of a multipart body, split by hand so that bytes stay exactly as sent."""
    parts = []
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, _, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        data = data.removesuffix(b"\r\n")
        hdrs = [line.split(":", 1) for line in head.decode("utf-8", "replace").split("\r\n") if ":" in line]
        hdrs = [[k.strip(), v.strip()] for k, v in hdrs]
        disp = next((v for k, v in hdrs if k.lower() == "content-disposition"), "")
        param = lambda n: (re.search(r'(?:^|;)\s*%s="([^"]*)"' % n, disp) or [None, None])[1]  # noqa: E731
        parts.append({"name": param("name"), "filename": param("filename"),
                      "content_type": next((v for k, v in hdrs if k.lower() == "content-type"), None),
                      "headers": hdrs, "body_base64": base64.b64encode(data).decode()})
    return parts


class Handler(http.server.BaseHTTPRequestHandler):
    """Reads the whole request (Content-Length or chunked), records it, answers."""
    protocol_version = "HTTP/1.1"
    # The head and the body are written apart: without TCP_NODELAY the body
    # waits for the client's delayed ACK (40 ms a request for a client that
    # keeps the connection, as the Rust one does).
    disable_nagle_algorithm = True

    def _any(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while (size := int(self.rfile.readline().split(b";")[0], 16)):
                body += self.rfile.read(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        rec = record(self.command, self.path, self.headers.items(), body,
                     isinstance(self.connection, ssl.SSLSocket))
        answer = self.server.recorder.add(rec)
        data = answer.get("body_text")
        data = (data if data is not None else json.dumps(answer.get("body", {}))).encode()
        self.send_response(answer.get("status", 200))
        for k, v in answer.get("headers", {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _any

    def log_message(self, *args):
        pass  # quiet: the records are the log


class Server(http.server.ThreadingHTTPServer):
    """Threaded; peeks each connection's first byte and wraps TLS ones."""
    daemon_threads = True

    def finish_request(self, request, client_address):
        request.settimeout(10)
        try:
            first = request.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if first == b"\x16":
            if self.recorder.ssl_context is None:
                return
            try:
                request = self.recorder.ssl_context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        self.RequestHandlerClass(request, client_address, self)


def self_signed_context():
    """A TLS server context from a fresh self-signed cert, or None without openssl."""
    if not shutil.which("openssl"):
        return None
    tmp = tempfile.mkdtemp(prefix="sdk-proof-tls-")
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1"],
                   check=True, capture_output=True, timeout=20)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    shutil.rmtree(tmp, ignore_errors=True)
    return ctx


class Recorder:
    """The server, its records, and the answers it gives; start() returns the port."""

    def __init__(self, answer=None, log=None, tls=True):
        self.records, self.log, self.lock = [], log, threading.Lock()
        self.set_answer(answer or {})
        self.ssl_context = self_signed_context() if tls else None
        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.recorder = self

    def set_answer(self, answer):
        """`answer`: status/headers/body (defaults: 200, JSON, {}), plus optional per-path answers."""
        answer = dict(answer)
        self.paths = {p: {"status": 200, "headers": {"Content-Type": "application/json"},
                          "body": {"accessToken": LOGIN_TOKEN}} for p in LOGIN_PATHS}
        self.paths.update(answer.pop("paths", {}))
        self.default = {**DEFAULT_ANSWER, **answer}

    def answer_for(self, path):
        return self.paths.get(path, self.default)

    def add(self, rec):
        with self.lock:
            self.records.append(rec)
            if self.log:
                self.log.write(json.dumps(rec, ensure_ascii=False) + "\n")
                self.log.flush()
        return self.answer_for(rec["path"])

    def take(self):
        """The records so far, cleared."""
        with self.lock:
            out, self.records = self.records, []
        return out

    @property
    def port(self):
        return self.server.server_address[1]

    def start(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self.port

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--answer", help="JSON answer file")
    ap.add_argument("--log", help="append records here (default stdout)")
    args = ap.parse_args()
    answer = json.load(open(args.answer, encoding="utf-8")) if args.answer else None
    rec = Recorder(answer, open(args.log, "a", encoding="utf-8") if args.log else sys.stdout)
    if args.port:
        rec.server.server_close()
        rec.server = Server(("127.0.0.1", args.port), Handler)
        rec.server.recorder = rec
    print("recording on http://127.0.0.1:%d" % rec.port, file=sys.stderr, flush=True)
    try:
        rec.server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
