"""Deletes drafts nobody submitted (abandoned portal or counter intakes) and their files."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from sigap.applications.models import Request, RequestStatus, Upload


class Command(BaseCommand):
    help = "Delete draft requests older than --days (default 2) with their uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2)

    def handle(self, *args, days: int, **options):
        cutoff = timezone.now() - timedelta(days=days)
        drafts = Request.objects.filter(status=RequestStatus.DRAFT, created_at__lt=cutoff)
        files = 0
        for upload in Upload.objects.filter(request__in=drafts):
            upload.file.delete(save=False)
            files += 1
        ids = list(drafts.values_list("pk", flat=True))
        Request.objects.filter(pk__in=ids).delete()
        self.stdout.write(f"Deleted {len(ids)} drafts and {files} files.")
