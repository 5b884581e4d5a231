from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("new/<int:candidate_id>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/send/", views.send_for_signatures, name="send"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/status/", views.set_status, name="set_status"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/commitments/new/", views.commitment_new, name="commitment_new"),
    path("commitments/<int:pk>/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("commitments/<int:pk>/remove/", views.commitment_remove, name="commitment_remove"),
]
