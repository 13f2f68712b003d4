"""Public complaint pages (/complaints/...) and staff pages (/staff/complaints/...)."""

from django.urls import path

from sigap.complaints import views_public as public
from sigap.complaints import views_staff as staff

app_name = "complaints"
urlpatterns = [
    path("complaints/new/", public.complaint_new, name="new"),
    path("complaints/new/sent/", public.complaint_sent, name="sent"),
    path("complaints/track/", public.complaint_track_form, name="track_form"),
    path("complaints/<str:code>", public.complaint_track, name="track"),
    path("complaints/<str:code>/rate", public.complaint_rate_public, name="rate"),
    path("complaints/<str:code>/reopen", public.complaint_reopen_public, name="reopen"),
    path("staff/complaints/", staff.complaint_list, name="staff_list"),
    path("staff/complaints/new/", staff.complaint_record, name="staff_record"),
    path("staff/complaints/settings/", staff.complaint_settings, name="staff_settings"),
    path("staff/complaints/lapor-export.<str:fmt>", staff.lapor_export, name="staff_lapor_export"),
    path("staff/complaints/<str:code>/", staff.complaint_detail, name="staff_detail"),
    path("staff/complaints/<str:code>/verify", staff.complaint_verify, name="staff_verify"),
    path("staff/complaints/<str:code>/reject", staff.complaint_reject, name="staff_reject"),
    path("staff/complaints/<str:code>/dispose", staff.complaint_dispose, name="staff_dispose"),
    path("staff/complaints/<str:code>/refer", staff.complaint_refer, name="staff_refer"),
    path("staff/complaints/<str:code>/respond", staff.complaint_respond, name="staff_respond"),
    path("staff/complaints/<str:code>/meeting", staff.complaint_meeting, name="staff_meeting"),
    path("staff/complaints/<str:code>/complete", staff.complaint_complete, name="staff_complete"),
    path("staff/complaints/<str:code>/rate", staff.complaint_rate, name="staff_rate"),
    path("staff/complaints/<str:code>/reopen", staff.complaint_reopen, name="staff_reopen"),
]
