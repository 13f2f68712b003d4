"""Creates the development CA and a PKCS#12 file for every official with a NIP and every office
(its seal), in SIGAP_SIGNING_PKCS12_DIR. For `make run` and the demo; safe to run again."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from sigap.accounts.models import Office, User
from sigap.documents.signing.devca import ca_create, signer_issue


class Command(BaseCommand):
    help = "Create a development signing CA and PKCS#12 files for the demo's officials."

    def handle(self, *args, **options):
        folder = Path(settings.SIGAP_SIGNING_PKCS12_DIR)
        ca = ca_create(folder)
        passphrase = settings.SIGAP_SIGNING_PKCS12_PASSPHRASE
        made = 0
        officials = User.objects.filter(is_active=True, nip__isnull=False).exclude(nip="")
        for user in officials.select_related("office"):
            if (folder / f"{user.nip}.p12").is_file():
                continue
            signer_issue(
                ca,
                file_key=user.nip,
                name=user.display_name,
                passphrase=passphrase,
                organisation=user.office.name if user.office_id else "",
                serial=user.nip,
            )
            made += 1
        for office in Office.objects.all():
            key = f"office-{office.code}"
            if not (folder / f"{key}.p12").is_file():
                signer_issue(ca, file_key=key, name=office.name, passphrase=passphrase)
                made += 1
        self.stdout.write(f"documents: development CA in {folder}, {made} new signing certificates")
