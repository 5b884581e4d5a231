from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from front import views as front_views
from supportlead import views

admin.site.site_header = "supportlead administration"
admin.site.site_title = "supportlead"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", front_views.my_plan, name="me"),
    # /candidates/ is shared: the cross-app pages (front), the talent actions
    # (candidates) and the development experiences (development).
    path("candidates/development/", include("development.urls")),
    path("candidates/", include("front.urls")),
    path("candidates/", include("candidates.urls")),
    path("candidates/", include("succession.urls")),
    path("reports/", include("reports.urls")),
    path("mentorship/notifications/", include("notifications.urls")),
    path("mentorship/", include("mentorship.urls")),
    path("agreements/", include("agreements.urls")),
    path("reviews/", include("reviews.urls")),
    path("admin/", admin.site.urls),
]
