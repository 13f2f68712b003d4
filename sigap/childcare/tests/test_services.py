"""The case from referral to placement BAST, the first review and the outcome; the rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sigap.childcare import services
from sigap.childcare.models import CaseAssignment, CaseStatus, Outcome, Placement
from sigap.childcare.selectors import cases_counts, centres_with_occupancy, issued_documents_for
from sigap.childcare.tests.conftest import CHILD_NIK, pdf

pytestmark = pytest.mark.django_db


def test_whole_path_from_referral_to_bast_and_first_review(team):
    case = team.placed_case()

    assert case.status == CaseStatus.PLACED
    assert case.service_ends_on == services.one_year_after(case.service_starts_on)
    placement = Placement.objects.get(case=case)
    documents = list(issued_documents_for(case))
    assert [d.pk for d in documents] == [placement.bast_issued_id]
    bast = documents[0]
    assert bast.template_code == "bast-child-placement"
    assert bast.number  # registered in the agenda
    assert "Anak Demo" not in bast.title  # the public verify page shows titles
    assert "Anak Demo Rahayu" in bast.rendered_html
    assert "PIHAK PERTAMA" in bast.rendered_html
    assert "/verify/" in bast.rendered_html or "verif" in bast.rendered_html.lower()
    assert bast.file.read(5) == b"%PDF-"

    services.care_plan_save(
        case=case,
        goals="Anak kembali bersekolah",
        activities="Konseling mingguan",
        review_every_days=30,
        by=team.worker,
    )
    case.refresh_from_db()
    assert case.next_review_on == case.service_starts_on + datetime.timedelta(days=30)

    review = services.review_record(
        case=case, reviewed_on=timezone.localdate(), progress="Mulai beradaptasi", by=team.companion
    )
    case.refresh_from_db()
    assert review.child_companion == team.companion
    assert case.next_review_on == timezone.localdate() + datetime.timedelta(days=30)

    services.case_close(
        case=case,
        outcome=Outcome.RETURN_TO_FAMILY,
        outcome_on=timezone.localdate(),
        by=team.worker,
    )
    counts = cases_counts(office=team.office)
    assert counts["open"] == 0
    assert counts["by_outcome"][Outcome.RETURN_TO_FAMILY] == 1
    assert not Placement.objects.get(case=case).is_active


def test_referral_without_any_condition_is_refused_with_a_clear_message(team):
    with pytest.raises(ValidationError) as info:
        team.register(no_carer=False, no_carer_evidence="")
    assert services.MSG_NOT_ELIGIBLE in info.value.messages


@pytest.mark.parametrize("condition", ["no_carer", "violence", "at_risk"])
def test_each_condition_alone_makes_the_child_eligible(team, condition):
    flags = {"no_carer": False, "no_carer_evidence": ""}
    flags.update({condition: True, f"{condition}_evidence": "Laporan RT dan tetangga"})
    case = team.register(**flags)
    assert getattr(case, condition)


def test_a_condition_without_evidence_is_refused(team):
    with pytest.raises(ValidationError) as info:
        team.register(violence=True, violence_evidence="  ")
    assert "violence_evidence" in info.value.message_dict


def test_only_a_province_front_office_or_division_registers_referrals(team):
    with pytest.raises(PermissionDenied):
        team.register(registered_by=team.lebak_worker)


def test_placement_is_refused_until_consent_assessment_and_health_certificate(team):
    case = team.assigned_case()
    with pytest.raises(ValidationError) as info:
        services.case_place(
            case=case,
            centre=team.centre(),
            placed_on=timezone.localdate(),
            place="Serang",
            received_by_name="Kepala Balai",
            received_by_position="Kepala Balai",
            by=team.head_of_division,
        )
    messages = info.value.messages
    assert str(services.MSG_NEEDS_CONSENT) in messages
    assert str(services.MSG_NEEDS_ASSESSMENT) in messages
    assert str(services.MSG_NEEDS_HEALTH) in messages


def test_a_full_centre_is_refused(team):
    small = team.centre(code="loka-kecil", capacity=1)
    team.placed_case(centre=small)
    second = team.ready_case(name="Anak Kedua")
    with pytest.raises(ValidationError) as info:
        services.case_place(
            case=second,
            centre=small,
            placed_on=timezone.localdate(),
            place="Serang",
            received_by_name="Kepala Loka",
            received_by_position="Kepala Loka",
            by=team.head_of_division,
        )
    assert "centre" in info.value.message_dict
    assert (
        "1 of 1" in info.value.message_dict["centre"][0]
        or "1 dari 1" in (info.value.message_dict["centre"][0])
    )
    second.refresh_from_db()
    assert second.status == CaseStatus.REFERRED
    row = next(r for r in centres_with_occupancy(office=team.office) if r.centre == small)
    assert row.is_full and row.occupied == 1


def test_a_child_without_nik_is_served_and_the_nik_is_linked_later(team):
    case = team.placed_case(nik=None)
    assert case.child.nik is None
    services.case_link_nik(case=case, nik=CHILD_NIK, by=team.worker)
    case.refresh_from_db()
    assert case.child.nik == CHILD_NIK
    assert case.child.name == "Anak Demo Rahayu"


def test_linking_an_invalid_nik_is_refused(team):
    case = team.assigned_case()
    with pytest.raises(ValidationError):
        services.case_link_nik(case=case, nik="123", by=team.worker)


def test_assignment_and_handover_are_logged_with_from_to_by_and_reason(team):
    case = team.assigned_case()
    services.case_assign(
        case=case,
        role="social_worker",
        to_user=team.other_worker,
        by=team.head_of_division,
        reason="Pekerja sosial cuti panjang",
    )
    handover = CaseAssignment.objects.filter(case=case, role="social_worker").last()
    assert handover.from_user == team.worker
    assert handover.to_user == team.other_worker
    assert handover.by == team.head_of_division
    assert handover.reason == "Pekerja sosial cuti panjang"
    with pytest.raises(PermissionError):
        handover.save()


def test_a_social_worker_cannot_assign_cases(team):
    case = team.assigned_case()
    with pytest.raises(PermissionDenied):
        services.case_assign(
            case=case, role="social_worker", to_user=team.other_worker, by=team.worker, reason="x"
        )


def test_only_a_social_worker_can_be_assigned_as_social_worker(team):
    case = team.register()
    with pytest.raises(ValidationError):
        services.case_assign(
            case=case,
            role="social_worker",
            to_user=team.companion,
            by=team.head_of_division,
            reason="x",
        )


def test_a_non_assigned_worker_cannot_record_the_assessment(team):
    case = team.assigned_case()
    with pytest.raises(PermissionDenied):
        services.assessment_record(case=case, by=team.other_worker, situation="x")


def test_a_file_that_is_not_a_pdf_or_image_is_refused(team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = team.assigned_case()
    fake = SimpleUploadedFile("surat.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.consent_record(
            case=case,
            giver_kind="family",
            giver_name="Paman",
            relation="Paman",
            given_on=timezone.localdate(),
            file=fake,
            by=team.worker,
        )
    assert not case.documents.filter(kind="consent_letter").exists()
    assert pdf().size > 0


def test_review_is_due_and_overdue_after_its_date(team):
    case = team.placed_case()
    case.next_review_on = timezone.localdate() - datetime.timedelta(days=1)
    case.save()
    assert case.review_overdue and case.review_due
    assert cases_counts(office=team.office)["due_for_review"] == 1


def test_a_referral_can_end_before_placement_and_not_twice(team):
    case = team.assigned_case()
    services.case_close(
        case=case, outcome=Outcome.RETURN_TO_FAMILY, outcome_on=timezone.localdate(), by=team.worker
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    with pytest.raises(ValidationError):
        services.case_close(
            case=case, outcome=Outcome.TRANSFER, outcome_on=timezone.localdate(), by=team.worker
        )
