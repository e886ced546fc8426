from django.urls import path

from rezerv.spreadsheets import efficiency_export, registry_export, views

urlpatterns = [
    path("desk/c/<uuid:uid>/sheets/", views.sheets, name="sheets"),
    path(
        "desk/c/<uuid:uid>/sheets/export/<slug:kind>.xlsx",
        views.sheets_export,
        name="sheets_export",
    ),
    path(
        "desk/c/<uuid:uid>/sheets/template/<slug:kind>.xlsx",
        views.sheets_template,
        name="sheets_template",
    ),
    path("desk/c/<uuid:uid>/sheets/confirm/", views.sheets_confirm, name="sheets_confirm"),
    path("desk/reserve/export.xlsx", registry_export.reserve_export, name="reserve_export"),
    path(
        "desk/reserve/efficiency.xlsx",
        efficiency_export.efficiency_export,
        name="reserve_efficiency_export",
    ),
]
