"""The production stack, started for real: gunicorn with two workers and two Redis task workers
on PostgreSQL, the Redis cache. A citizen's request goes from the public form to the issued
letter and a registry list is imported through them while one task worker is killed with
SIGKILL; afterwards nothing is lost and nothing was done twice.

Runs in the PostgreSQL suite (the processes share the test database; SQLite in memory cannot be
shared), against the Redis of 127.0.0.1:6379 (db 13 and a key prefix of its own, emptied first);
skipped, with the reason, only when PostgreSQL or Redis cannot be reached.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from django.conf import settings as django_settings
from django.db import connection
from rq import Queue
from rq.job import Job

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.applications.models import Request, RequestStatus
from sigap.applications.tests import factories
from sigap.core import rq_liveness
from sigap.documents.models import IssuedDocument
from sigap.registry.importing.synthetic import write_sp2d_csv
from sigap.registry.models import ImportBatch, ImportStatus, Person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("SIGAP_STACK_REDIS_URL", "redis://127.0.0.1:6379/13")
ROWS = 40_000  # as in test_worker_crash: long enough to be killed mid-way
NIK = "6571015205850999"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FILE_INPUT = re.compile(r'<input type="file" name="([^"]+)"')


@pytest.fixture
def villages(db) -> list[str]:
    from sigap.regions.models import Region
    from sigap.regions.testing import load_test_regions

    load_test_regions(("33.14",))
    return list(
        Region.objects.filter(code__startswith="33.14.01.", level="village")
        .order_by("code")
        .values_list("code", flat=True)[:5]
    )


@pytest.fixture
def redis_db():
    if connection.vendor != "postgresql":
        pytest.skip("the stack shares the test database: runs in the PostgreSQL suite")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _children(pid: int) -> list[int]:
    """Every descendant of a process (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += [int(child), *_children(int(child))]
    return found


class Stack:
    """The processes of README's production section, on the loopback, and their cleanup."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logs = tmp_path / "logs"
        self.logs.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sigap.settings.production",
            "SECRET_KEY": "stack-test-" + uuid.uuid4().hex * 2,
            "DATABASE_URL": _database_url(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.base,
            "SECURE_SSL_REDIRECT": "false",
            "SIGAP_SECURE_COOKIES": "false",
            "SIGAP_ENFORCE_2FA": "false",
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "SIGAP_VAR_DIR": str(tmp_path),
            "TASKS_BACKEND": "django_tasks_rq.RQBackend",
            "REDIS_URL": REDIS_URL,
            "REDIS_CACHE_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": "sigap-stack-test",
            "SIGAP_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.processes[name] = process
        return process

    def start_web(self) -> None:
        # As a deployment does: the manifest storage of production refuses uncollected files.
        self.sigap("collectstatic", "--noinput", "-v", "0")
        self.start("web", str(BIN / "gunicorn"), "-c", "python:sigap.gunicorn_conf", "sigap.wsgi")

    def start_worker(self, name: str) -> subprocess.Popen:
        return self.start(name, str(BIN / "sigap"), "rqworker", "default", "--name", name)

    def kill(self, name: str) -> None:
        """SIGKILL to the worker and to the work-horse running its task (RQ puts the horse in
        a session of its own): what a machine that dies does to both."""
        process = self.processes[name]
        horses = _children(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
        for pid in horses:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]

    def sigap(self, *args: str) -> str:
        return subprocess.run(  # noqa: S603 - our own command line
            [str(BIN / "sigap"), *args], cwd=ROOT, env=self.env, check=True,
            capture_output=True, text=True, timeout=60,
        ).stdout  # fmt: skip


def wait_for(condition, *, timeout: float, what: str, stack: Stack | None = None):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            logs = "" if stack is None else "\n".join(
                f"--- {n}\n{stack.log(n)}" for n in stack.processes
            )  # fmt: skip
            pytest.fail(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.1)


@pytest.fixture
def stack(redis_db, tmp_path):
    running = Stack(tmp_path)
    try:
        yield running
    finally:
        running.stop()


def _ready(stack: Stack) -> bool:
    try:
        response = httpx.get(f"{stack.base}/health/ready", timeout=2)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and response.json()["status"] == "ok"


def _apply(web: httpx.Client, standard) -> str:
    """The public wizard as a browser walks it; returns the reference number shown."""
    page = f"/apply/{standard.code}"
    assert web.get(f"{page}/").status_code in (200, 302)
    answers = [
        ("product", {"product_code": "kks-lost-ewallet"}),
        ("nik", {"nik": NIK}),
        ("name", {"name": "Nur Aisyah"}),
        ("contact", {"contact_phone": "081200001111"}),
    ]
    for name, data in answers:
        form = web.get(f"{page}/{name}/")
        token = CSRF.search(form.text).group(1)
        sent = web.post(f"{page}/{name}/", data={"csrfmiddlewaretoken": token, **data})
        assert sent.status_code == 302, (name, sent.status_code, sent.text[-1500:])
    form = web.get(f"{page}/documents/")
    files = {
        name: (f"{name}.pdf", factories.PDF_BYTES, "application/pdf")
        for name in FILE_INPUT.findall(form.text)
    }
    token = CSRF.search(form.text).group(1)
    sent = web.post(f"{page}/documents/", data={"csrfmiddlewaretoken": token}, files=files)
    assert sent.status_code == 302, sent.text[-1500:]
    form = web.get(f"{page}/check/")
    token = CSRF.search(form.text).group(1)
    started = time.monotonic()
    sent = web.post(f"{page}/check/", data={"csrfmiddlewaretoken": token, "declaration": "on"})
    assert sent.status_code == 302, sent.text[-1500:]
    # No PDF is rendered inside the submission any more: the answer is quick.
    assert time.monotonic() - started < 5
    code = Request.objects.get(applicant_person__nik=NIK).code
    assert code in web.get(sent.headers["location"]).text
    return code


class StaffApi:
    def __init__(self, base: str, user) -> None:
        _token, raw = api_token_create(user=user, name="stack")
        self.client = httpx.Client(
            base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {raw}"}, timeout=30
        )

    def act(self, code: str, action: str, data: dict | None = None) -> dict:
        version = self.client.get(f"/requests/{code}").json()["version"]
        response = self.client.post(
            f"/requests/{code}/act",
            json={"action": action, "data": data or {}, "expected_version": version},
        )
        assert response.status_code == 200, (action, response.text)
        return response.json()


ANALYSIS = {
    "aid_type": "Sembako",
    "problem": "KKS hilang",
    "analysis": "KKS hilang, e-wallet perlu diatur ulang",
    "solution": "Surat keterangan untuk bank",
    "kks_number": "6013011234567000",
    "siks_ng_updated": True,
    "kpm_educated": True,
}


def _to_letter(base: str, code: str, officers: dict) -> None:
    fo = StaffApi(base, officers[Role.FRONT_OFFICE])
    fo.act(code, "receive")
    detail = fo.client.get(f"/requests/{code}").json()
    checks = [{"requirement": c["code"], "status": "complete"} for c in detail["checklist"]]
    response = fo.client.post(
        f"/requests/{code}/checks", json={"checks": checks, "expected_version": detail["version"]}
    )
    assert response.status_code == 200, response.text
    StaffApi(base, officers[Role.BACK_OFFICE]).act(code, "analyse", ANALYSIS)
    StaffApi(base, officers[Role.SECTION_HEAD]).act(code, "initial")
    StaffApi(base, officers[Role.HEAD_OF_OFFICE]).act(code, "sign")
    fo.act(code, "register")
    assert fo.act(code, "hand_over", {"received_by": "Nur Aisyah"})["status"] == "completed"


@pytest.mark.slow
def test_the_stack_serves_a_request_to_its_letter_and_an_import_through_a_killed_worker(
    stack, redis_db, sembako, tarakan, cast, villages, tmp_path, settings
):
    stack.start_web()
    stack.start_worker("worker-1")
    stack.start_worker("worker-2")
    wait_for(lambda: _ready(stack), timeout=45, what="gunicorn to be ready", stack=stack)

    # A citizen files a request through the public form; its receipt comes from a task worker.
    web = httpx.Client(base_url=stack.base, timeout=30, follow_redirects=False)
    code = _apply(web, sembako)
    request = Request.objects.get(code=code)
    receipts = IssuedDocument.objects.filter(template_code="request-receipt")
    wait_for(receipts.exists, timeout=30, what="the receipt task", stack=stack)
    receipt = web.get(f"/apply/{sembako.code}/receipt/")
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")

    # A registry list goes in through the API; the worker running it is killed mid-way.
    back_office = cast.user("sragen", Role.BACK_OFFICE)
    staff = StaffApi(stack.base, back_office).client
    path = write_sp2d_csv(tmp_path / "sp2d.csv", ROWS, villages=villages, invalid=0.01)
    with path.open("rb") as csv:
        uploaded = staff.post(
            "/registry/imports",
            files={"file": ("sp2d.csv", csv, "text/csv")},
            data={"programme": "BPNT", "year": "2026"},
        )
    assert uploaded.status_code == 201, uploaded.text
    batch_id = uploaded.json()["id"]
    assert staff.post(f"/registry/imports/{batch_id}/start", json={}).status_code == 200

    started = Queue("default", connection=redis_db).started_job_registry

    def running_worker() -> str:
        for job_id in started.get_job_ids(cleanup=False):
            job = Job.fetch(job_id, connection=redis_db)
            if "run_import" in (job.func_name or "") and job.worker_name:
                return job.worker_name
        return ""

    victim = wait_for(running_worker, timeout=30, what="the import to start", stack=stack)
    wait_for(
        lambda: ImportBatch.objects.get(pk=batch_id).status
        in {ImportStatus.READING, ImportStatus.STAGED, ImportStatus.MERGING},
        timeout=30, what="the import to be under way", stack=stack,
    )  # fmt: skip
    # The running import keeps its heartbeat fresh, so the requeue leaves it alone (the same
    # function as the timer's command, called here: a process start would outlast the import).
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    assert rq_liveness.requeue_abandoned(older_than=0, dry_run=True) == (0, 1)
    stack.kill(victim)
    assert ImportBatch.objects.get(pk=batch_id).status != ImportStatus.COMMITTED
    # While the survivor lives nothing of its own is taken; the killed task's heartbeat has
    # stopped, and the timer's requeue puts it back for the survivor.
    wait_for(
        lambda: "1 requeued" in stack.sigap("requeue_stale_tasks"),
        timeout=40, what="the abandoned import to be requeued", stack=stack,
    )  # fmt: skip

    # Meanwhile the request goes on to its letter through the same web workers.
    _to_letter(stack.base, code, tarakan)
    wait_for(
        lambda: ImportBatch.objects.get(pk=batch_id).status == ImportStatus.COMMITTED,
        timeout=90, what="the import to finish on the surviving worker", stack=stack,
    )  # fmt: skip

    # Nothing lost, nothing twice.
    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED
    documents = IssuedDocument.objects.filter(object_id=str(request.pk))
    assert documents.filter(template_code="request-receipt").count() == 1
    assert documents.filter(template_code="sk-kks-lost").count() == 1
    batch = ImportBatch.objects.get(pk=batch_id)
    valid = ROWS - ROWS // 100
    assert batch.rows_total == ROWS and batch.new_count == valid
    assert Person.objects.filter(nik__isnull=False).count() == valid + 1  # + the citizen
    assert Person.objects.values("nik").distinct().count() == valid + 1
    # The tracking page answers from the web workers with the request's last state.
    tracked = httpx.get(f"{stack.base}/api/v1/track/{code}", timeout=10).json()
    assert tracked["status"] == "completed"
    # ... and keeps its answer in the Redis cache both web workers share.
    assert list(redis_db.scan_iter(match="sigap-stack-test:*:track:*"))
