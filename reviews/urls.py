from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_new, name="new"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/board/", views.review_board, name="board"),
    path("<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/agenda/<int:entry_pk>/", views.review_entry, name="entry"),
    path("<int:pk>/agenda/<int:entry_pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/start/", views.review_start, name="start"),
    path("<int:pk>/close/", views.review_close, name="close"),
    path("<int:pk>/delete/", views.review_delete, name="delete"),
    path("<int:pk>/moved/", views.review_moved, name="moved"),
]
