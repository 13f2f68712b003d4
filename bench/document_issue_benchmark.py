"""Benchmark: issuing a letter (number, render, PAdES sign, hash, store) against a plain
WeasyPrint render of the same page (not part of the tests). Target: issuing <= 1.5x plain.

    .venv/bin/python bench/document_issue_benchmark.py --repeat 15

Uses its own SQLite database and a development CA in a temporary folder. "Plain" is what a
caller without the shared setup does: `HTML(string=html).write_pdf()` (a new URL fetcher and
font configuration per render); issuing shares one fetcher and font configuration per thread.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["SIGAP_SIGNING_BACKEND"] = "pkcs12"
    os.environ["SIGAP_SIGNING_PKCS12_DIR"] = str(folder / "signing")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigap.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=StringIO())


def timed(function, repeat: int) -> list[float]:
    function()  # warm-up: fonts, templates, imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-docs-") as tmp:
        setup(Path(tmp))
        from django.core.management import call_command
        from django.utils import timezone
        from weasyprint import HTML

        from sigap.accounts.models import Office, OfficeLevel, Position, User
        from sigap.documents.models import IssuedDocument
        from sigap.documents.rendering import render_document_html
        from sigap.documents.services import document_issue
        from sigap.documents.template_catalogue import document_context, sample_context
        from sigap.documents.templating import resolve_template

        office, _ = Office.objects.update_or_create(
            code="tarakan",
            defaults={
                "name": "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan",
                "level": OfficeLevel.CITY,
                "region_code": "65.71",
                "government_name": "PEMERINTAH KOTA TARAKAN",
                "address": "Jl. Jenderal Sudirman No. 76, Pamusian, Tarakan Tengah",
                "letter_code": "DINSOSPM",
            },
        )
        head = User.objects.create_user(
            username="bench.head",
            full_name="Arbain, SE., M. AP",
            nip="196803181994031007",
            rank="Pembina Utama Muda/IV-c",
            office=office,
            position=Position.objects.create(name="Kepala Dinas"),
        )
        call_command("signing_devca", stdout=StringIO())
        code = "sk-kks-lost"
        context = sample_context(code)
        template = resolve_template(office=office, code=code)
        html = render_document_html(
            office=office,
            body=template.body,
            title=template.title,
            number="400.9.2/007/DINSOSPM/2026",
            issued_at=timezone.now(),
            context=document_context(code, context),
            signer={
                "name": head.full_name,
                "rank": head.rank,
                "nip": head.nip,
                "position": "Kepala Dinas",
            },
            token="bench",
        )

        def plain():
            HTML(string=html, base_url=str(ROOT)).write_pdf()

        def issue():
            document_issue(
                office=office,
                template_code=code,
                title="Surat Keterangan KKS Hilang dan Setting E-Wallet",
                subject=head,
                context=context,
                issued_by=head,
                signer=head,
                recipient="KPM",
            )

        plain_times = timed(plain, args.repeat)
        issue_times = timed(issue, args.repeat)
        p, i = statistics.median(plain_times), statistics.median(issue_times)
        for label, median, times in (
            ("plain WeasyPrint render", p, plain_times),
            ("issue: number+render+sign+hash+store", i, issue_times),
        ):
            print(f"{label:40} median {median * 1000:7.1f} ms  best {min(times) * 1000:7.1f} ms")
        print(f"ratio issue / plain: {i / p:.2f} (target <= 1.50)")
        last = IssuedDocument.objects.order_by("-pk").first()
        with last.file.open("rb") as handle:
            assert b"/ByteRange" in handle.read(), "issued documents are signed"
        if i / p > 1.5:
            sys.exit("issuing is slower than 1.5x a plain render")


if __name__ == "__main__":
    main()
