"""Included from blog.urls, so the names live in the 'blog' namespace."""

from django.urls import path

from blog.comments import views

urlpatterns = [
    path("artikelen/<slug:slug>/reageren/", views.post_comment, name="comment_post"),
    path("bijdrage/<slug:token>/", views.manage, name="comment_manage"),
    path("bijdrage/<slug:token>/intrekken/", views.withdraw, name="comment_withdraw"),
]
