from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from evidence.models import Disclaimer, DisclaimerRule


class DisclaimerRuleInline(admin.TabularInline):
    model = DisclaimerRule
    extra = 0
    fields = ["condition", "category", "level", "is_active"]


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "version", "rule_count", "use_count"]
    list_filter = ["kind"]
    search_fields = ["title", "text_nl", "text_en", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DisclaimerRuleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _rules=Count("rules", distinct=True), _uses=Count("attachments", distinct=True)
            )
        )

    @admin.display(description=gettext_lazy("rules"), ordering="_rules")
    def rule_count(self, obj):
        return obj._rules

    @admin.display(description=gettext_lazy("on articles"), ordering="_uses")
    def use_count(self, obj):
        return obj._uses


@admin.register(DisclaimerRule)
class DisclaimerRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "condition", "category", "level", "is_active"]
    list_filter = ["condition", "is_active"]
    list_select_related = ["disclaimer"]
    autocomplete_fields = ["disclaimer"]
