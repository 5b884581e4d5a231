from django.contrib import admin
from django.urls import include, path

from front import views as front_views
from scim import pages as scim_pages
from supportlead import sso, views

admin.site.site_header = "supportlead administration"
admin.site.site_title = "supportlead"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    # Company sign-in (404 unless OIDC_ISSUER is set).
    path("accounts/sso/start/", sso.SignIn.as_view(), name="oidc_authentication_init"),
    path("accounts/sso/callback/", sso.Callback.as_view(), name="oidc_authentication_callback"),
    path("accounts/sso/refused/", views.sso_failed, name="sso_failed"),
    path("me/", front_views.my_plan, name="me"),
    path("me/own-words/", front_views.my_own_words, name="me_own_words"),
    # SCIM 2.0 for the identity provider (off until HR creates a token).
    path("scim/v2/", include("scim.urls")),
    path("candidates/people/provisioning/", scim_pages.provisioning, name="scim_provisioning"),
    path(
        "candidates/people/provisioning/<int:pk>/revoke/",
        scim_pages.token_revoke,
        name="scim_token_revoke",
    ),
    path(
        "candidates/people/provisioning/people/<int:pk>/checked/",
        scim_pages.person_checked,
        name="scim_person_checked",
    ),
    path("audit/", front_views.audit_log, name="audit"),
    path("audit/person/<int:person_id>/recent/", front_views.audit_recent, name="audit_recent"),
    # /candidates/ is shared: the cross-app pages (front), the talent actions
    # (candidates), key positions and readiness (succession) and the development
    # experiences and plan (development).
    path("candidates/", include("front.urls")),
    path("candidates/", include("candidates.urls")),
    path("candidates/", include("succession.urls")),
    path("candidates/", include("development.urls")),
    path("reports/", include("reports.urls")),
    path("insights/", include("insights.urls")),
    path("programme/", include("programme.urls")),
    path("", include("supportdata.urls")),
    path("mentorship/notifications/", include("notifications.urls")),
    path("mentorship/", include("mentorship.urls")),
    path("agreements/", include("agreements.urls")),
    path("reviews/", include("reviews.urls")),
    path("admin/", admin.site.urls),
]
