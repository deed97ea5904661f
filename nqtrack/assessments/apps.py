from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "nqtrack.assessments"
    label = "assessments"
