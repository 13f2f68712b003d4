from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sigap.accounts.roles import Role
from sigap.api.errors import ConflictError
from sigap.complaints import services
from sigap.complaints.access import complaint_for_user
from sigap.complaints.models import ComplaintEvent, EventKind, OfficeDayOff, Status
from sigap.complaints.selectors import complaint_queue


def test_complaint_referred_from_province_to_regency_and_back_keeps_history_in_both(
    make_complaint, officer, cast
):
    banten, lebak = officer("banten"), officer("lebak")
    complaint = make_complaint("banten")
    services.complaint_verify(complaint=complaint, by=banten)
    services.complaint_refer(
        complaint=complaint, by=banten, to_office=cast.office("lebak"), note="Posko di Lebak"
    )
    complaint.refresh_from_db()
    assert complaint.office.code == "lebak"
    # The regency now holds and acts; the province still reads it.
    services.complaint_respond(complaint=complaint, by=lebak, text="Kami cek ke posko.")
    assert complaint_for_user(banten, complaint.code).status == Status.FOLLOW_UP
    with pytest.raises(PermissionDenied):  # the province no longer acts
        services.complaint_respond(complaint=complaint, by=banten, text="x")
    services.complaint_refer(complaint=complaint, by=lebak, to_office=cast.office("banten"))
    complaint.refresh_from_db()
    assert complaint.office.code == "banten"
    services.complaint_complete(complaint=complaint, by=banten, summary="Logistik dikirim.")
    assert complaint_for_user(lebak, complaint.code).status == Status.COMPLETED
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "verified",
        "referred",
        "response",
        "referred",
        "completed",
    ]


def test_referral_is_only_between_a_province_and_its_regencies(make_complaint, officer, cast):
    complaint = make_complaint("banten")
    services.complaint_verify(complaint=complaint, by=officer("banten"))
    with pytest.raises(ValidationError) as exc:
        services.complaint_refer(
            complaint=complaint, by=officer("banten"), to_office=cast.office("sragen")
        )
    assert services.REFER_NOT_ALLOWED in exc.value.message_dict["to_office"]


def test_not_a_complaint_is_rejected_with_a_reason(make_complaint, officer):
    complaint = make_complaint("sragen")
    with pytest.raises(ValidationError):
        services.complaint_reject(complaint=complaint, by=officer("sragen"), reason=" ")
    services.complaint_reject(complaint=complaint, by=officer("sragen"), reason="Pertanyaan")
    complaint.refresh_from_db()
    assert complaint.status == Status.REJECTED and complaint.rejection_reason == "Pertanyaan"
    with pytest.raises(ConflictError):
        services.complaint_verify(complaint=complaint, by=officer("sragen"))


def test_meeting_rating_and_reopening(make_complaint, officer, cast):
    by = officer("banten")
    complaint = make_complaint("banten")
    services.complaint_verify(complaint=complaint, by=by)
    services.complaint_dispose(complaint=complaint, by=by, unit=cast.office("banten").units.first())
    services.complaint_record_meeting(
        complaint=complaint,
        by=by,
        held_on=date(2026, 3, 2),
        attendees="Kabid, pejabat pengelola pengaduan",
        minutes="Disepakati kirim ulang.",
    )
    services.complaint_complete(complaint=complaint, by=by, summary="Sudah dikirim ulang.")
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=complaint, rating=4, secret="wrong")
    services.complaint_rate(complaint=complaint, rating=2, secret=complaint.secret)
    complaint.refresh_from_db()
    assert complaint.rating == 2
    services.complaint_reopen(complaint=complaint, reason="Belum sampai", secret=complaint.secret)
    complaint.refresh_from_db()
    assert complaint.status == Status.FOLLOW_UP and complaint.rating is None
    assert complaint.reopened_count == 1
    meeting = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.MEETING)
    assert meeting.public is False and meeting.meeting_on == date(2026, 3, 2)


def test_customer_service_acts_but_head_of_division_only_reads(make_complaint, cast):
    complaint = make_complaint("sragen")
    services.complaint_verify(complaint=complaint, by=cast.user("sragen", Role.CUSTOMER_SERVICE))
    with pytest.raises(PermissionDenied):
        services.complaint_respond(
            complaint=complaint, by=cast.user("sragen", Role.HEAD_OF_DIVISION), text="x"
        )


def test_deadlines_skip_weekend_and_holiday_and_the_queue_marks_overdue(make_complaint, cast):
    # Friday 14 Aug 2026; Monday 17 Aug is Independence Day.
    complaint = make_complaint("sragen", received_on=date(2026, 8, 14))
    assert complaint.verify_due == date(2026, 8, 20)
    assert complaint.answer_due == date(2026, 8, 28)  # 14 calendar days (UU 25/2009 art. 50)
    queue = complaint_queue(cast.office("sragen"), today=date(2026, 8, 19))
    assert [(i.stage, i.state, i.days_left) for i in queue] == [("verify", "due", 1)]
    queue = complaint_queue(cast.office("sragen"), today=date(2026, 8, 21))
    assert queue[0].state == "overdue"


def test_office_day_off_moves_the_deadline(make_complaint, cast):
    OfficeDayOff.objects.create(office=cast.office("tarakan"), day=date(2026, 8, 18), name="Cuti")
    complaint = make_complaint("tarakan", received_on=date(2026, 8, 14))
    assert complaint.verify_due == date(2026, 8, 21)


def test_complaint_is_linked_to_the_request_and_its_service(make_complaint, cast):
    from sigap.applications.models import Request
    from sigap.standards.models import ServiceStandard

    office = cast.office("tarakan")
    standard = ServiceStandard.objects.create(
        office=office, code="tarakan-sembako", name="Sembako", time_limit_kind="minutes",
        time_limit_value=30, time_limit_text="30 menit", fee_text="Gratis",
    )  # fmt: skip
    request = Request.objects.create(
        code="ABC234XYZ", standard=standard, office=office, org_name="Posko", channel="portal"
    )
    complaint = make_complaint("tarakan", request_code="abc-234 xyz")
    assert complaint.request == request and complaint.standard == standard
    assert complaint.request_code == "ABC234XYZ"
    # A request of another office is not linked; the code is kept as given.
    other = make_complaint("sragen", request_code="ABC234XYZ")
    assert other.request is None and other.request_code == "ABC234XYZ"
