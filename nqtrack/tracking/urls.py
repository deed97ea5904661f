"""URLs of the tracking app, mounted at /nhiem-vu/."""

from django.urls import path

from nqtrack.tracking import views

app_name = "tracking"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("bang/", views.task_board, name="board"),
    path("don-vi-cua-toi/", views.my_organisation, name="mine"),
    path("van-ban/", views.register, name="register"),
    path("cong-trinh/", views.projects, name="projects"),
    path("cong-trinh/<int:pk>/", views.project_detail, name="project"),
    path("bao-cao/<int:pk>/duyet/", views.update_review, name="review"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("<str:code>/", views.task_detail, name="item"),
    path("<str:code>/bao-cao/", views.update_post, name="post"),
    path("<str:code>/thoi-han/", views.item_schedule, name="schedule"),
]
