from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from rezerv.api import views

router = SimpleRouter()
router.register("campaigns", views.CampaignViewSet, basename="api-campaign")
router.register("applications", views.ApplicationViewSet, basename="api-application")
router.register("ballots", views.BallotViewSet, basename="api-ballot")
router.register("results", views.ResultViewSet, basename="api-result")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include(router.urls)),
]
