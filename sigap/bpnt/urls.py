"""Staff pages of BPNT (Program Sembako)."""

from django.urls import path

from sigap.bpnt import views, views_companions, views_letters, views_monitoring

app_name = "bpnt"

urlpatterns = [
    path("staff/bpnt/persons/<int:pk>/", views.person_eligibility, name="person"),
    path("staff/bpnt/tickets/", views.ticket_list, name="ticket_list"),
    path("staff/bpnt/tickets/new", views.ticket_new, name="ticket_new"),
    path("staff/bpnt/tickets/<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("staff/bpnt/tickets/<int:pk>/start", views.ticket_start, name="ticket_start"),
    path("staff/bpnt/tickets/<int:pk>/resolve", views.ticket_resolve, name="ticket_resolve"),
    path("staff/bpnt/tickets/<int:pk>/letter.pdf", views.ticket_letter, name="ticket_letter"),
    path(
        "staff/bpnt/tickets/<int:pk>/assign", views_companions.ticket_assign, name="ticket_assign"
    ),
    path("staff/bpnt/companions/", views_companions.area_list, name="area_list"),
    path(
        "staff/bpnt/companions/<int:pk>/remove",
        views_companions.area_remove,
        name="area_remove",
    ),
    path("staff/bpnt/stages/", views.stage_list, name="stage_list"),
    path("staff/bpnt/stages/<int:pk>/", views.stage_detail, name="stage_detail"),
    path(
        "staff/bpnt/stages/<int:pk>/beneficiaries/",
        views.stage_beneficiaries,
        name="stage_beneficiaries",
    ),
    path("staff/bpnt/stages/<int:pk>/notices", views.stage_notices, name="stage_notices"),
    path(
        "staff/bpnt/stages/<int:pk>/notices/<int:notice_pk>.pdf",
        views.stage_notice_pdf,
        name="stage_notice_pdf",
    ),
    path("staff/bpnt/letters/", views_letters.letter_list, name="letter_list"),
    path("staff/bpnt/letters/<int:pk>/", views_letters.letter_detail, name="letter_detail"),
    path(
        "staff/bpnt/letters/<int:pk>/draft.pdf", views_letters.letter_preview, name="letter_preview"
    ),
    path(
        "staff/bpnt/letters/<int:pk>/<slug:step>",
        views_letters.letter_act,
        name="letter_act",
    ),
    path("staff/bpnt/visits/", views_monitoring.visit_list, name="visit_list"),
    path(
        "staff/bpnt/visits/<int:pk>/follow-up",
        views_monitoring.visit_follow_up,
        name="visit_follow_up",
    ),
    path("staff/bpnt/sessions/", views_monitoring.session_list, name="session_list"),
    path("staff/bpnt/sessions/<int:pk>/", views_monitoring.session_detail, name="session_detail"),
]
