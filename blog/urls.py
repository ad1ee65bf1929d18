from django.urls import path

from blog import views
from blog.workflow import views as workflow_views

app_name = "blog"

urlpatterns = [
    path("", views.home, name="home"),
    path("artikelen/", views.article_list, name="article_list"),
    path("artikelen/<slug:slug>/", views.article_detail, name="article"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("onderwerpen/", views.topic_list, name="topic_list"),
    path("onderwerp/<slug:slug>/", views.topic_detail, name="topic"),
    path("auteurs/<slug:slug>/", views.author_detail, name="author"),
    path("bronnen/", views.source_list, name="sources"),
    path("bronnen/<int:pk>/", views.source_detail, name="source"),
    path("zoeken/", views.search, name="search"),
    path("correcties/", workflow_views.corrections_log, name="corrections"),
    path("voorbeeld/<str:token>/", workflow_views.preview, name="preview"),
]
