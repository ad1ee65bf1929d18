from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/", views.source_detail, name="source"),
]
