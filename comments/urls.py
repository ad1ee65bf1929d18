from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("artikelen/<slug:slug>/reageren/", views.post_comment, name="post"),
    path("bijdrage/<slug:token>/", views.manage, name="manage"),
    path("bijdrage/<slug:token>/intrekken/", views.withdraw, name="withdraw"),
]
