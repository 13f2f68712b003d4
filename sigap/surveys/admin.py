"""Admin for the office's questionnaire settings and population figures."""

from django.contrib import admin

from sigap.surveys.models import QuestionnaireConfig, SurveyPopulation


@admin.register(QuestionnaireConfig)
class QuestionnaireConfigAdmin(admin.ModelAdmin):
    list_display = ["office"]


@admin.register(SurveyPopulation)
class SurveyPopulationAdmin(admin.ModelAdmin):
    list_display = ["office", "service_code", "year", "semester", "population"]
