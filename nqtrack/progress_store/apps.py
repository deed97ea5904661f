from django.apps import AppConfig


class ProgressStoreConfig(AppConfig):
    name = "nqtrack.progress_store"
    label = "progress_store"
    verbose_name = "Kết quả đánh giá đã lưu"
