"""Stress test of the public forms on PostgreSQL (not part of the test suite).

    .venv/bin/python bench/stress_public.py            # 1,000 submissions
    .venv/bin/python bench/stress_public.py --n 200 --processes 2 --threads 16

Creates its own database (default sigap_stress, dropped and re-created), migrates it (the seed
standards load on migrate) and loads the demo offices, then serves Sigap on a free loopback port
from several processes sharing one listening port (SO_REUSEPORT), each answering with a fixed
pool of threads behind a deep accept backlog, as a gunicorn `gthread` deployment would.

Every virtual citizen is a browser of its own: its own cookies (CSRF, session) and its own
loopback source address (127.x.y.z), so the per-IP rate limit of the public forms stays at its
production value and is not what is measured. Each one first opens its form the way a browser
does (GET, CSRF token, signed start time; the wizard walked page by page up to "check your
answers", with the documents uploaded), waits out the minimum fill time, and then all of them
send their final submission AT ONCE:
  - the public request wizard (tarakan-sembako), a tenth of them double-clicking "send";
  - the public complaint form;
  - the SKM survey, general per service and one-time invitation links (a fifth of the links
    answered twice at the same moment).
(Before that burst, `--alone` of each kind are sent one at a time: the service time.)
Afterwards the database must hold every submission exactly once (each carries a unique marker),
every tracking code unique, and no response may be a 5xx. Prints throughput, latencies, errors.
"""

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sigap_stress"
SERVICE = "tarakan-sembako"
PRODUCT = "kks-lost-ewallet"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MIN_FILL_SECONDS = 3.2  # the forms refuse answers sent faster than 3 s after opening them
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
FILE_INPUT = re.compile(r'<input type="file" name="([^"]+)"')


# --- the server ------------------------------------------------------------------------------


def _django(db_url: str, var_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = db_url
    os.environ["SIGAP_VAR_DIR"] = var_dir
    os.environ["MEDIA_ROOT"] = str(Path(var_dir) / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "sigap.settings.local"
    os.environ["DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "ERROR"  # 5xx tracebacks only
    import django

    django.setup()


def serve(port: int, threads: int) -> None:
    """One web process: a fixed thread pool, keep-alive off, accepting on a shared port."""
    import socketserver
    from concurrent.futures import ThreadPoolExecutor

    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            pass

    class PoolServer(WSGIServer):
        request_queue_size = 4096
        allow_reuse_port = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pool = ThreadPoolExecutor(max_workers=threads)

        def process_request(self, request, client_address):
            self.pool.submit(self._work, request, client_address)

        def _work(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)
                close_old_connections()

    assert issubclass(PoolServer, socketserver.TCPServer)
    httpd = PoolServer(("127.0.0.1", port), QuietHandler)
    httpd.set_app(get_wsgi_application())
    httpd.serve_forever()


# --- the database ----------------------------------------------------------------------------


def recreate_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# The demo modules the public forms need (offices, standards, numbering); the rest of `sigap
# demo` (sample requests, cases, answers) is not needed and would only add rows.
DEMO_MODULES = ("regions", "accounts", "standards", "documents")


def prepare(n_invitations: int) -> dict:
    """Migrates, loads the demo offices and standards, and issues survey invitations."""
    from importlib import import_module

    from django.core.management import call_command
    from django.core.management.base import OutputWrapper
    from django.db import transaction

    from sigap.accounts.models import Office
    from sigap.standards.models import ServiceStandard
    from sigap.surveys.services import survey_invitation_url

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        for app in DEMO_MODULES:
            with transaction.atomic():
                import_module(f"sigap.{app}.demo").load(stdout=OutputWrapper(devnull))
    office = Office.objects.get(code="tarakan")
    standard = ServiceStandard.objects.filter(code=SERVICE).order_by("-revision").first()
    links = [
        survey_invitation_url(standard=standard, office=office, reference=f"STRESS-{i:05d}")
        for i in range(n_invitations)
    ]
    return {
        "office_id": office.pk,
        "invitations": [link.split("/survey/r/")[1].strip("/") for link in links],
    }


def counts_before() -> dict[str, int]:
    from sigap.applications.models import Request
    from sigap.complaints.models import Complaint
    from sigap.surveys.models import SurveyResponse

    return {
        "requests": Request.objects.count(),
        "complaints": Complaint.objects.count(),
        "surveys": SurveyResponse.objects.count(),
    }


# --- the virtual citizens --------------------------------------------------------------------


@dataclass
class Citizen:
    kind: str  # request | complaint | survey | invited
    index: int
    marker: str
    double: bool = False
    token: str = ""
    client: object = None
    prepared: dict = field(default_factory=dict)
    final_status: list[int] = field(default_factory=list)
    final_seconds: list[float] = field(default_factory=list)


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def record(self, phase: str, status: int, seconds: float) -> None:
        self.latencies.setdefault(phase, []).append(seconds)
        self.statuses[(phase, status)] += 1


def source_address(index: int) -> str:
    """A loopback address of its own per citizen (the whole 127/8 is the loopback)."""
    return f"127.{1 + index // 62_500}.{index // 250 % 250}.{1 + index % 250}"


def nik(index: int) -> str:
    """A valid Tarakan NIK (65.71.01), a birth date and serial unique per citizen."""
    day = 1 + index % 28
    month = 1 + index // 28 % 12
    serial = 1 + index // 336
    return f"657101{day + 40:02d}{month:02d}85{serial:04d}"


async def call(stats: Stats, phase: str, client, method: str, url: str, **kwargs):
    import httpx

    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        stats.record(phase, 0, time.perf_counter() - started)
        stats.errors.append(f"{phase} {url}: {type(exc).__name__} {exc}")
        return None
    stats.record(phase, response.status_code, time.perf_counter() - started)
    if response.status_code >= 500:
        stats.errors.append(f"{phase} {url}: HTTP {response.status_code}")
    return response


def _token(pattern: re.Pattern, html: str) -> str:
    match = pattern.search(html)
    return match.group(1) if match else ""


async def open_form(stats: Stats, c: Citizen, base: str, office_id: int) -> None:
    """Everything a browser does before the final click."""
    client = c.client
    if c.kind == "complaint":
        r = await call(stats, "open", client, "GET", f"{base}/complaints/new/?office={office_id}")
        c.prepared = {
            "url": f"{base}/complaints/new/",
            "data": {
                "csrfmiddlewaretoken": _token(CSRF, r.text) if r else "",
                "started": _token(STARTED, r.text) if r else "",
                "office": str(office_id),
                "subject": f"Bantuan belum cair {c.marker}",
                "body": f"Bantuan sembako bulan ini belum cair. Penanda {c.marker}.",
                "phone": f"0812{c.index:08d}",
                "name": "Warga Uji",
                "homepage": "",
            },
        }
        return
    if c.kind in ("survey", "invited"):
        url = (
            f"{base}/survey/r/{c.token}/"
            if c.kind == "invited"
            else f"{base}/survey/{SERVICE}/?office=tarakan"
        )
        r = await call(stats, "open", client, "GET", url)
        from sigap.surveys.elements import ELEMENT_CODES

        data = {code: str(1 + (c.index + i) % 4) for i, code in enumerate(ELEMENT_CODES)}
        data.update(
            {
                "csrfmiddlewaretoken": _token(CSRF, r.text) if r else "",
                "started": _token(STARTED, r.text) if r else "",
                "sex": "mf"[c.index % 2],
                "age": str(18 + c.index % 60),
                "education": "sma",
                "occupation": "private",
                "suggestion": f"Pelayanan cepat. Penanda {c.marker}.",
                "homepage": "",
            }
        )
        c.prepared = {"url": url, "data": data}
        return
    # The request wizard: product, NIK, name, contact, documents, then "check your answers".
    page = f"{base}/apply/{SERVICE}"
    answers = [
        ("product", {"product_code": PRODUCT}),
        ("nik", {"nik": nik(c.index)}),
        ("name", {"name": f"Warga Uji {c.marker}", "address": "Jl. Uji"}),
        ("contact", {"contact_phone": f"0813{c.index:08d}"}),
    ]
    for name, data in answers:
        r = await call(stats, "open", client, "GET", f"{page}/{name}/")
        if r is None:
            return
        data = {"csrfmiddlewaretoken": _token(CSRF, r.text), **data}
        r = await call(stats, "open", client, "POST", f"{page}/{name}/", data=data)
        if r is None or r.status_code != 302:
            stats.errors.append(f"wizard {name} for {c.marker}: {r and r.status_code}")
            return
    r = await call(stats, "open", client, "GET", f"{page}/documents/")
    if r is None:
        return
    files = {name: (f"{name}.pdf", PDF, "application/pdf") for name in FILE_INPUT.findall(r.text)}
    r = await call(
        stats,
        "open",
        client,
        "POST",
        f"{page}/documents/",
        data={"csrfmiddlewaretoken": _token(CSRF, r.text)},
        files=files,
    )
    if r is None or r.status_code != 302:
        stats.errors.append(f"wizard documents for {c.marker}: {r and r.status_code}")
        return
    r = await call(stats, "open", client, "GET", f"{page}/check/")
    if r is None:
        return
    c.prepared = {
        "url": f"{page}/check/",
        "data": {"csrfmiddlewaretoken": _token(CSRF, r.text), "declaration": "on"},
    }


async def send(stats: Stats, c: Citizen, phase: str) -> None:
    if not c.prepared:
        return
    started = time.perf_counter()
    r = await call(stats, phase, c.client, "POST", c.prepared["url"], data=c.prepared["data"])
    if phase == "submit":
        c.final_seconds.append(time.perf_counter() - started)
    c.final_status.append(r.status_code if r is not None else 0)


def citizens(n: int, invitations: list[str]) -> list[Citizen]:
    """A third requests, a third complaints, a third surveys (half of them invited links)."""
    people = []
    n_invited = len(invitations)
    kinds = ["request", "complaint", "survey"]
    invited = 0
    for i in range(n):
        kind = kinds[i % 3]
        c = Citizen(kind=kind, index=i, marker=f"STRESS-{i:05d}")
        if kind == "survey" and invited < n_invited and i % 2 == 0:
            c.kind, c.token = "invited", invitations[invited]
            invited += 1
        # A tenth of the wizards and a fifth of the invited links are sent twice at once.
        c.double = c.kind in ("request", "invited") and i % 10 < 1 + (c.kind == "invited")
        people.append(c)
    return people


async def run_load(
    people: list[Citizen], base: str, office_id: int, timeout: float, solo: int
) -> dict:
    import httpx

    stats = Stats()
    for c in people:
        c.client = httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(local_address=source_address(c.index)),
            timeout=timeout,
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=0),
        )
    started = time.perf_counter()
    await asyncio.gather(*(open_form(stats, c, base, office_id) for c in people))
    opened = time.perf_counter() - started
    await asyncio.sleep(max(0.0, MIN_FILL_SECONDS - opened))
    print(f"  forms opened by {len(people)} browsers in {opened:.1f} s")
    # A few of each kind one at a time first: the service time without any queue.
    alone = set()
    for kind in ("request", "complaint", "survey", "invited"):
        for c in [c for c in people if c.kind == kind and not c.double][:solo]:
            await send(stats, c, f"alone:{kind}")
            alone.add(c.index)
    print("  firing all the other submissions at once")
    burst_started = time.perf_counter()
    sends = []
    for c in people:
        if c.index in alone:
            continue
        sends.append(send(stats, c, "submit"))
        if c.double:
            sends.append(send(stats, c, "submit"))
    await asyncio.gather(*sends)
    burst = time.perf_counter() - burst_started
    for c in people:
        await c.client.aclose()
    return {"stats": stats, "opened": opened, "burst": burst, "posts": len(sends)}


# --- the checks ------------------------------------------------------------------------------


def check_database(people: list[Citizen], before: dict[str, int]) -> dict:
    from django.db.models import Count

    from sigap.applications.models import Request, RequestStatus
    from sigap.complaints.models import Complaint
    from sigap.surveys.models import SurveyInvitation, SurveyResponse

    markers = {k: {c.marker for c in people if c.kind == k} for k in ("request", "complaint")}
    surveys = {c.marker for c in people if c.kind in ("survey", "invited")}
    found = {
        "request": Counter(
            m
            for name in Request.objects.filter(
                applicant_person__name__startswith="Warga Uji STRESS-"
            )
            .exclude(status=RequestStatus.DRAFT)
            .values_list("applicant_person__name", flat=True)
            for m in re.findall(r"STRESS-\d{5}", name)
        ),
        "complaint": Counter(
            m
            for body in Complaint.objects.filter(body__contains="Penanda STRESS-").values_list(
                "body", flat=True
            )
            for m in re.findall(r"STRESS-\d{5}", body)
        ),
        "survey": Counter(
            m
            for text in SurveyResponse.objects.filter(
                suggestion__contains="Penanda STRESS-"
            ).values_list("suggestion", flat=True)
            for m in re.findall(r"STRESS-\d{5}", text)
        ),
    }
    expected = {"request": markers["request"], "complaint": markers["complaint"]}
    expected["survey"] = surveys
    report = {}
    for kind, wanted in expected.items():
        got = found[kind]
        report[kind] = {
            "sent": len(wanted),
            "stored": sum(got.values()),
            "missing": sorted(wanted - set(got)),
            "doubled": sorted(m for m, k in got.items() if k > 1),
            "strangers": sorted(set(got) - wanted),
        }
    report["request_codes_doubled"] = list(
        Request.objects.values("code").annotate(n=Count("pk")).filter(n__gt=1)
    )
    report["complaint_codes_doubled"] = list(
        Complaint.objects.values("code").annotate(n=Count("pk")).filter(n__gt=1)
    )
    both = set(Request.objects.values_list("code", flat=True)) & set(
        Complaint.objects.values_list("code", flat=True)
    )
    report["codes_shared_by_request_and_complaint"] = sorted(both)
    report["invitations_answered_twice"] = list(
        SurveyResponse.objects.filter(invitation__isnull=False)
        .values("invitation")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    report["invitations_used"] = SurveyInvitation.objects.filter(used_at__isnull=False).count()
    after = counts_before()
    report["rows_added"] = {k: after[k] - before[k] for k in after}
    return report


# --- the run ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_servers(args, port: int, var_dir: str) -> list[subprocess.Popen]:
    command = [sys.executable, __file__, "--serve", "--port", str(port)]
    command += ["--threads", str(args.threads), "--db", args.db, "--var-dir", var_dir]
    log = open(Path(var_dir) / "server.log", "ab")  # noqa: SIM115 - closed with the processes
    procs = [
        subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(args.processes)
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                time.sleep(2)  # every process has bound the port by now
                return procs
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def print_figures(result: dict, people: list[Citizen], report: dict, args) -> bool:
    stats: Stats = result["stats"]
    print(
        f"\n{len(people)} citizens: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(c.kind for c in people).items()))
    )
    print(f"{args.processes} processes x {args.threads} threads, PostgreSQL")
    print(
        f"\nBurst: {result['posts']} POSTs (double clicks included) in {result['burst']:.2f} s"
        f" = {result['posts'] / result['burst']:.1f} submissions/s"
    )
    kinds = ("request", "complaint", "survey", "invited")
    for phase in ("open", *(f"alone:{k}" for k in kinds), "submit"):
        values = stats.latencies.get(phase, [])
        if values:
            print(
                f"  {phase:15} {len(values):5} requests"
                f"  p50 {percentile(values, 50) * 1000:7.0f} ms"
                f"  p95 {percentile(values, 95) * 1000:7.0f} ms"
                f"  p99 {percentile(values, 99) * 1000:7.0f} ms"
                f"  max {max(values) * 1000:7.0f} ms  mean {statistics.mean(values) * 1000:.0f} ms"
            )
    for kind in kinds:
        values = [t for c in people if c.kind == kind for t in c.final_seconds]
        if values:
            print(
                f"  submit {kind:9} p50 {percentile(values, 50) * 1000:7.0f} ms"
                f"  p95 {percentile(values, 95) * 1000:7.0f} ms"
                f"  p99 {percentile(values, 99) * 1000:7.0f} ms"
            )
    print("  status codes:", dict(sorted(stats.statuses.items())))
    by_kind = Counter((c.kind, s) for c in people for s in c.final_status)
    print("  final status per kind:", dict(sorted(by_kind.items())))
    five = sum(n for (_, status), n in stats.statuses.items() if status >= 500 or status == 0)
    print(f"  5xx or transport errors: {five}")
    for line in stats.errors[:20]:
        print("   ", line)
    print("\nDatabase:")
    ok = five == 0
    for kind in ("request", "complaint", "survey"):
        r = report[kind]
        print(
            f"  {kind:9} sent {r['sent']:5}  stored {r['stored']:5}  missing {len(r['missing'])}"
            f"  doubled {len(r['doubled'])}  unexpected {len(r['strangers'])}"
        )
        ok &= r["sent"] == r["stored"] and not (r["missing"] or r["doubled"] or r["strangers"])
        if r["missing"] or r["doubled"]:
            print("    missing:", r["missing"][:10], "doubled:", r["doubled"][:10])
    print(
        f"  duplicate request codes: {len(report['request_codes_doubled'])}; duplicate "
        f"complaint codes: {len(report['complaint_codes_doubled'])}; codes shared: "
        f"{len(report['codes_shared_by_request_and_complaint'])}"
    )
    print(
        f"  invitations used {report['invitations_used']}, answered twice "
        f"{len(report['invitations_answered_twice'])}; rows added {report['rows_added']}"
    )
    ok &= not (report["request_codes_doubled"] or report["complaint_codes_doubled"])
    ok &= not report["invitations_answered_twice"]
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of submissions (citizens)")
    parser.add_argument("--db", default=os.environ.get("BENCH_STRESS_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--processes", type=int, default=2, help="web processes")
    parser.add_argument("--threads", type=int, default=12, help="threads per web process")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per HTTP request")
    parser.add_argument(
        "--alone", type=int, default=5, help="of each kind, sent one at a time before the burst"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        _django(args.db, args.var_dir)
        serve(args.port, args.threads)
        return

    var_dir = tempfile.mkdtemp(prefix="sigap-stress-")
    print(f"Database {args.db.rsplit('/', 1)[1]}: re-creating, migrating, loading the demo")
    recreate_database(args.db)
    _django(args.db, var_dir)
    tick = time.perf_counter()
    n_invited = args.n // 6
    setup = prepare(n_invited)
    print(f"  ready in {time.perf_counter() - tick:.0f} s")
    from django.db import connection

    before = counts_before()
    connection.close()
    port = free_port()
    servers = start_servers(args, port, var_dir)
    try:
        people = citizens(args.n, setup["invitations"])
        result = asyncio.run(
            run_load(
                people, f"http://127.0.0.1:{port}", setup["office_id"], args.timeout, args.alone
            )
        )
    finally:
        for proc in servers:
            proc.terminate()
        for proc in servers:
            proc.wait(timeout=30)
    report = check_database(people, before)
    ok = print_figures(result, people, report, args)
    server_log = (Path(var_dir) / "server.log").read_text(errors="replace")
    tracebacks = server_log.count("Traceback (most recent call last)")
    print(f"Server log: {tracebacks} tracebacks ({Path(var_dir) / 'server.log'})")
    ok &= tracebacks == 0
    print("\nRESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
