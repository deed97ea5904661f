"""URLs of the observations app (entry, import, export, review)."""

app_name = "observations"
urlpatterns: list[object] = []
