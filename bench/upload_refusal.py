"""How much of an oversized upload the server reads before refusing it (not part of the tests).

    .venv/bin/python bench/upload_refusal.py --mb 50 300

Posts a multipart body of each size, as a browser would (CSRF cookie and token), to the
public complaint form (limit 64 KB) through Django's WSGI handler, with the body limits on
and, for comparison, with them off (CSRF then parses the whole body before any view runs).
Prints the time to the answer and the bytes read from the client. No database is needed:
every answer here comes before a query.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY = "benchboundary"
CSRF = "b" * 32


class Body(io.RawIOBase):
    """A multipart body of `size` bytes made on demand; counts what the server reads."""

    def __init__(self, size: int) -> None:
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="body"; filename="x.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        self.size = size
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.size - self.read_bytes)
        if n <= 0:
            return 0
        buffer[:n] = b"x" * n
        if self.read_bytes == 0:
            buffer[: len(self.head)] = self.head
        self.read_bytes += n
        return n


def post(handler, size: int) -> tuple[int, float, int]:
    body = Body(size)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/complaints/new/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_COOKIE": f"csrftoken={CSRF}",
        "HTTP_X_CSRFTOKEN": CSRF,
        "HTTP_REFERER": "http://127.0.0.1/",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(size),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    started = time.perf_counter()
    status = []
    handler(environ, lambda s, h, exc_info=None: status.append(s))
    return int(status[0].split()[0]), time.perf_counter() - started, body.read_bytes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, nargs="+", default=[50, 300])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigap.settings.test")
    import logging

    import django
    from django.conf import settings

    django.setup()
    logging.disable(logging.WARNING)
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    guarded = WSGIHandler()
    off = [m for m in settings.MIDDLEWARE if not m.startswith("sigap.core.limits")]
    handlers = [h for h in settings.FILE_UPLOAD_HANDLERS if "Counting" not in h]
    with override_settings(MIDDLEWARE=off, FILE_UPLOAD_HANDLERS=handlers):
        unguarded = WSGIHandler()
        rows = [(mb, post(unguarded, mb * 1024 * 1024)) for mb in args.mb]
    print(f"{'body':>8} | {'limits on':>28} | {'limits off':>28} | time ratio")
    for mb, (status_off, seconds_off, read_off) in rows:
        status_on, seconds_on, read_on = post(guarded, mb * 1024 * 1024)
        print(
            f"{mb:>5} MB | {status_on} in {seconds_on * 1000:8.1f} ms, read {read_on:>10,} B"
            f" | {status_off} in {seconds_off * 1000:8.1f} ms, read {read_off:>10,} B"
            f" | {seconds_off / max(seconds_on, 1e-6):,.0f}x"
        )


if __name__ == "__main__":
    main()
