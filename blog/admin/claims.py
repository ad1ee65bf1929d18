"""The claim admin, registered here: a claim and its citations are part of an article.

evidence.admin.claims.ClaimAdmin edits them; a save or a deletion there is an
edit of the article, so it records the article's revision, like the article page.
"""

from django.contrib import admin

from blog.workflow import revisions
from evidence.admin.claims import ClaimAdmin
from evidence.models import Claim


@admin.register(Claim)
class ArticleClaimAdmin(ClaimAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record_revision(form.instance.article, by=request.user)

    def delete_model(self, request, obj):
        article = obj.article
        super().delete_model(request, obj)
        revisions.record_revision(article, by=request.user)
