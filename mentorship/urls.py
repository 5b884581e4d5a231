from django.urls import path

from . import views

app_name = "mentorship"

urlpatterns = [
    path("", views.home, name="home"),
    path("pairings/new/", views.pairing_new, name="pairing_new"),
    path("pairings/<int:pk>/status/", views.pairing_status, name="pairing_status"),
    path("pairings/<int:pk>/edit/", views.pairing_edit, name="pairing_edit"),
    path("pairings/<int:pk>/meetings/", views.pairing_meetings, name="pairing_meetings"),
    path("pairings/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("action-items/<int:pk>/done/", views.action_item_done, name="action_item_done"),
    path("pairings/<int:pk>/next.ics", views.next_meeting_ics, name="next_meeting_ics"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("meetings/<int:pk>/rate/", views.meeting_rate, name="meeting_rate"),
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/<int:pk>/", views.mentor_edit, name="mentor_edit"),
]
