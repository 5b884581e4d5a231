from django.urls import path

from . import views

app_name = "notifications"

# Mounted under /mentorship/notifications/, where the links in earlier mails point.
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read-all/", views.notifications_read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("<int:pk>/read/", views.notification_read, name="read"),
]
