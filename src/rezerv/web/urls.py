from django.urls import path

from rezerv.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
