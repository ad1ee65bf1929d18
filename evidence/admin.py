from django.contrib import admin

from evidence.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "design", "integrity_status"]
    search_fields = ["title", "doi", "pmid", "authors"]
