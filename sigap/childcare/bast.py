"""The placement handover report (BAST): its context and its issue through the documents app."""

from sigap.childcare.models import Case, HealthCertificate, Placement

BAST_TEMPLATE = "bast-child-placement"


def _bast_context(placement: Placement) -> dict:
    from sigap.documents.templatetags.letter import tanggal_id

    case = placement.case
    child = case.child
    first = placement.handed_over_by
    return {
        "case_code": case.code,
        "child_name": child.name,
        "child_nik": child.nik or "",
        "child_sex": child.get_sex_display() if child.sex else "",
        "child_birth_place": child.birth_place,
        "child_birth_date": tanggal_id(child.birth_date) if child.birth_date else "",
        "referral_number": case.referral_number,
        "referral_date": tanggal_id(case.referral_date),
        "referring_office": case.referring_office.name if case.referring_office else "",
        "centre_name": placement.centre.name,
        "centre_kind": placement.centre.get_kind_display(),
        "centre_address": placement.centre.address,
        "placed_on": tanggal_id(placement.placed_on),
        "place": placement.place,
        "first_party_name": first.display_name,
        "first_party_nip": first.nip or "",
        "first_party_position": first.position.name if first.position_id else "Pekerja Sosial",
        "first_party_office": case.office.name,
        "second_party_name": placement.received_by_name,
        "second_party_nip": placement.received_by_nip,
        "second_party_position": placement.received_by_position,
        "service_ends_on": tanggal_id(case.service_ends_on),
        "health_certificate": _health_text(case),
        "signer_title": "Mengetahui, "
        + (
            placement.decided_by.position.name
            if placement.decided_by.position_id
            else "Kepala Bidang"
        ),
    }


def _health_text(case: Case) -> str:
    certificate = HealthCertificate.objects.filter(case=case).first()
    if certificate is None:
        return ""
    from sigap.documents.templatetags.letter import tanggal_id

    return f"{certificate.doctor_name}, {certificate.facility}, {tanggal_id(certificate.issued_on)}"


def bast_title(case: Case) -> str:
    """Shown on the public verification page: the case number, never the child's name."""
    return f"Berita Acara Serah Terima Penempatan Anak - Kasus {case.code}"


def bast_issue(*, placement: Placement, by) -> None:
    """Issues the BAST through the documents app (numbered, stored, with the verify QR)."""
    from sigap.documents.services import document_issue

    document = document_issue(
        office=placement.case.office,
        template_code=BAST_TEMPLATE,
        title=bast_title(placement.case),
        subject=placement.case,
        context=_bast_context(placement),
        issued_by=by,
        signer=placement.decided_by,
        register=True,
        recipient=placement.centre.name,
    )
    placement.bast_issued_id = document.pk
    placement.save(update_fields=["bast_issued_id", "updated_at"])
