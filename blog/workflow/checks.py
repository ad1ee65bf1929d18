"""blog's checks, registered with the evidence gate beside the registry's own.

Authors and the medical review are blog concepts, so their rules live here and in
blog.workflow.review; readiness() runs them with every other check, so publish(),
schedule(), the scheduler, the admin and the readiness panel all see one list.
"""

from django.utils.translation import gettext as _

from blog.workflow.review import ReviewState
from evidence.readiness import Problem, article_admin_url, register_check


@register_check
def authors(evidence):
    article = evidence.article
    # .all() rather than .exists(): the change page has the authors prefetched.
    if not article.pk or not list(article.authors.all()):
        yield Problem(
            "no_author",
            _("The article has no author; choose at least one author."),
            admin_url=article_admin_url(article, "#id_authors"),
        )


@register_check
def medical_review(evidence):
    url = article_admin_url(evidence.article, "#workflow-panel")
    for message in ReviewState.of(evidence).problems():
        yield Problem("medical_review", message, admin_url=url)
