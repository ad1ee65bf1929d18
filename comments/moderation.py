"""Moderation decisions on many items at once, shared by the admin's actions and buttons."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comments.models import Flag

DECISIONS = {
    "approve": _("approved"),
    "reject": _("rejected"),
    "spam": _("marked as spam"),
}
# Reasons moderators give most often; offered as suggestions, any text is accepted.
COMMON_REJECT_REASONS = [
    _("Personal medical advice to others"),
    _("Advertising or sales"),
    _("Disrespectful"),
    _("Contains details that could identify someone"),
    _("Not about this article"),
]


def decide(comments, decision, *, by, reason=""):
    """Apply one decision to each item; return (count done, [(item, why refused)])."""
    done, refused = 0, []
    for comment in comments:
        try:
            if decision == "approve":
                comment.approve(by=by)
            elif decision == "reject":
                comment.reject(by=by, reason=reason)
            elif decision == "spam":
                comment.mark_spam(by=by)
            else:
                raise ValueError(decision)
            done += 1
        except ValidationError as error:
            refused.append((comment, " ".join(error.messages)))
    return done, refused


def flag_lines(comment):
    """Each signal as '<label>: <what matched>', for the moderator."""
    lines = []
    for detail in comment.flag_details or []:
        try:
            label = Flag(detail.get("code")).label
        except ValueError:
            label = detail.get("code", "")
        lines.append(f"{label}: {detail.get('match', '')}")
    return lines
