"""The roles the seeds name. A staff account holds one or more of them within its office."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HEAD_OF_OFFICE = "head_of_office", _("Head of office (Kepala Dinas)")
    HEAD_OF_DIVISION = "head_of_division", _("Head of division (Kepala Bidang)")
    SECTION_HEAD = "section_head", _("Head of section / sub-coordinator")
    SOCIAL_COUNSELLOR = "social_counsellor", _("Functional social counsellor (Penyuluh Sosial)")
    FRONT_OFFICE = "front_office", _("Front office")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    VERIFIER = "verifier", _("Verifier")
    BACK_OFFICE = "back_office", _("Back office")
    SOCIAL_WORKER = "social_worker", _("Social worker (Pekerja Sosial)")
    SOCIAL_COMPANION = "social_companion", _("Social companion (Pendamping Sosial)")
    CHILD_COMPANION = "child_companion", _("Child companion (Pendamping Anak)")
    TKSK = "tksk", _("District social welfare worker (TKSK)")
    VOLUNTEER = "volunteer", _("Social volunteer (TAGANA / PSM)")
    COMPLAINTS_OFFICER = "complaints_officer", _("Complaints officer")
    WAREHOUSE_OFFICER = "warehouse_officer", _("Warehouse officer")
    TREASURER = "treasurer", _("Treasurer (Bendahara)")
    AUDITOR = "auditor", _("Auditor (Inspektorat)")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that read across the office for oversight but never act on a case.
OVERSIGHT_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.AUDITOR})
