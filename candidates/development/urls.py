from django.urls import path

from . import views

# Included from candidates/urls.py under /candidates/development/, namespace "candidates".
urlpatterns = [
    path("", views.overview, name="development"),
]
