"""The medical review check, registered with the evidence gate.

Review is a blog concept, so the rule lives in blog.workflow.review; the gate
only needs this adapter, which reuses the claims the gate already loaded (and leaves
the review state on the evidence for the workflow panel).
"""

from blog.workflow.review import ReviewState
from evidence.readiness import Problem, article_admin_url, register_check


@register_check
def medical_review(evidence):
    url = article_admin_url(evidence.article, "#workflow-panel")
    for message in ReviewState.of(evidence).problems():
        yield Problem("medical_review", message, admin_url=url)
