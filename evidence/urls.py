from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.source_list, name="sources"),
    path("<int:pk>/", views.source_detail, name="source"),
]
