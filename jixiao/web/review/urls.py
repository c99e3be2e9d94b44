from django.urls import path

from jixiao.web.review import views

app_name = "review"
urlpatterns = [
    path("comments/<int:pk>/answer/", views.comment_answer, name="answer"),
    path("phrases/", views.phrases, name="phrases"),
    path("phrases/<int:pk>/remove/", views.phrase_remove, name="phrase_remove"),
]
