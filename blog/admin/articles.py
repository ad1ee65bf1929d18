from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.forms import ArticleAdminForm
from blog.models import Article


def _problems_text(error):
    return " ".join(error.messages)


@admin.action(description=gettext_lazy("Publiceer geselecteerde artikelen (via de poort)"),
              permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    published, refused = 0, []
    for article in queryset:
        try:
            article.publish(by=request.user)
            published += 1
        except ValidationError as error:
            refused.append(f"«{article.title}»: {_problems_text(error)}")
    if published:
        modeladmin.message_user(request, _("%(n)d artikel(en) gepubliceerd.") % {"n": published})
    for line in refused:
        modeladmin.message_user(request, _("Niet gepubliceerd — %(why)s") % {"why": line},
                                level=messages.ERROR)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/blog/article/change_form.html"
    list_display = ["title", "status", "topic", "published_at", "updated_at", "publish_at"]
    list_filter = ["status", "topic", "language"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["authors"]
    readonly_fields = ["status", "published_at", "updated_at", "updated_by", "publish_at"]
    actions = [publish_selected]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "lead", "body", "authors", "topic",
                           "tags"]}),
        (gettext_lazy("Hoofdafbeelding"), {"fields": ["hero_image", "hero_alt", "hero_caption",
                                                      "hero_credit", "hero_licence"]}),
        (gettext_lazy("Instellingen"), {"fields": ["comments_open", "experiences_open",
                                                   "commercial_interest", "review_due"]}),
        (gettext_lazy("Status"), {"fields": ["status", "published_at", "updated_at",
                                             "updated_by", "publish_at"]}),
    ]

    def has_publish_permission(self, request):
        return request.user.has_perm("blog.publish_article")

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            return self._publish_from_form(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            return self._publish_from_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _publish_from_form(self, request, obj):
        if not self.has_publish_permission(request):
            self.message_user(request, _("Je mag geen artikelen publiceren."), messages.ERROR)
        else:
            try:
                obj.publish(by=request.user)
                self.message_user(request, _("Gepubliceerd: «%(title)s».") % {"title": obj.title})
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Niet gepubliceerd. Los eerst op: %(why)s") % {"why": _problems_text(error)},
                    messages.ERROR,
                )
        return HttpResponseRedirect(request.path)
