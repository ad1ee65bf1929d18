"""The medical review check, registered with the evidence gate.

Review is a blog concept, so the rule lives in blog.workflow.review; the gate
only needs this adapter, which reuses the claims the gate already loaded.
"""

from blog.workflow.review import review_problems
from evidence.readiness import Problem, article_admin_url, register_check


@register_check
def medical_review(evidence):
    article = evidence.article
    claims = [graded.claim for graded in evidence.claims]
    url = article_admin_url(article, "#workflow-panel")
    for message in review_problems(article, claims=claims, decisions=evidence.dismissals):
        yield Problem("medical_review", message, admin_url=url)
