"""Reader comments and experiences, held until a moderator has read them.

Every status change goes through a method on Comment; the admin, the public
views and the commands all call them, and each writes an audit entry.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blog import rendering

BODY_MAX_CHARS = 5000
REDACTABLE_FIELDS = ("name", "body", "condition", "tried", "duration")
EXPERIENCE_FIELDS = ("condition", "tried", "tried_type", "duration", "outcome")


def new_withdraw_token():
    return secrets.token_urlsafe(32)


class Flag(models.TextChoices):
    """Why an item was held or scored; shown to moderators, never to readers."""

    LINKS = "links", _("twee of meer links")
    BLOCK_WORD = "block_word", _("woord van de blokkeerlijst")
    HOLD_WORD = "hold_word", _("woord van de controlelijst")
    DOSE = "dose", _("dosering genoemd")
    SHOP_LINK = "shop_link", _("product- of winkellink")
    STOP_MEDICATION = "stop_medication", _("advies om met medicatie te stoppen")
    CRISIS = "crisis", _("crisistaal")


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see: approved items, and replies only under approved items."""
        return self.filter(status=Comment.Status.APPROVED).filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)
        )

    def waiting(self):
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email):
        return self.filter(email__iexact=(email or "").strip()).exclude(email="")


class Comment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("vraag of reactie")
        EXPERIENCE = "experience", _("ervaring")

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op moderatie")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")
        SPAM = "spam", _("spam")
        WITHDRAWN = "withdrawn", _("ingetrokken door schrijver")

    class TriedType(models.TextChoices):
        FOOD = "food", _("voeding")
        SUPPLEMENT = "supplement", _("supplement")
        PRODUCT = "product", _("product")
        TREATMENT = "treatment", _("behandeling")

    class Outcome(models.TextChoices):
        BETTER = "better", _("beter")
        NO_CHANGE = "no_change", _("geen verschil")
        WORSE = "worse", _("slechter")
        MIXED = "mixed", _("wisselend")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("antwoord op"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text=_("Eén niveau: een antwoord hoort bij een bijdrage, niet bij een antwoord."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    name = models.CharField(_("naam"), max_length=80)
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Nooit tonen: alleen voor de intrekkingslink en AVG-verzoeken."),
    )
    body = models.TextField(_("tekst"), max_length=BODY_MAX_CHARS)
    body_html = models.TextField(editable=False, default="")

    condition = models.CharField(_("aandoening of klacht"), max_length=120, blank=True)
    tried = models.CharField(_("wat geprobeerd"), max_length=200, blank=True)
    tried_type = models.CharField(
        _("soort middel"), max_length=20, choices=TriedType.choices, blank=True
    )
    duration = models.CharField(_("hoe lang"), max_length=80, blank=True)
    outcome = models.CharField(_("resultaat"), max_length=20, choices=Outcome.choices, blank=True)

    is_editor_reply = models.BooleanField(
        _("redactie"),
        default=False,
        editable=False,
        help_text=_("Geschreven door een redactielid; lezers zien het label 'Redactie'."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redactielid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        editable=False,
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        editable=False,
    )
    created_at = models.DateTimeField(
        _("ingestuurd op"), default=timezone.now, db_index=True, editable=False
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemodereerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_comments",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True, editable=False)
    moderation_reason = models.TextField(_("reden"), blank=True, editable=False)

    flags = models.CharField(
        _("signalen"),
        max_length=200,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Waarom de bijdrage is vastgehouden; alleen voor moderatoren."),
    )
    flag_details = models.JSONField(default=list, blank=True, editable=False)
    score = models.PositiveSmallIntegerField(_("score"), default=0, editable=False)

    consent_at = models.DateTimeField(
        _("toestemming gegeven op"), null=True, blank=True, editable=False
    )
    consent_version = models.CharField(
        _("versie toestemmingstekst"), max_length=20, blank=True, editable=False
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    withdraw_token = models.CharField(
        max_length=64, unique=True, default=new_withdraw_token, editable=False
    )
    dedupe_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bijdrage van lezer")
        verbose_name_plural = _("bijdragen van lezers")
        permissions = [
            ("moderate_comment", _("Kan bijdragen van lezers goedkeuren, afwijzen en redigeren")),
        ]
        indexes = [models.Index(fields=["article", "status"], name="comment_article_status")]

    def __str__(self):
        # No name or text: this string ends up in the audit log and admin history.
        return gettext("Bijdrage #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if len(self.body) > BODY_MAX_CHARS:
            raise ValidationError(
                gettext("Een bijdrage is hoogstens %(limit)d tekens.") % {"limit": BODY_MAX_CHARS}
            )
        if self._state.adding:
            errors = self.submission_errors()
            if errors:
                raise ValidationError(errors)
        self.body_html = rendering.render_plain_text(self.body)
        super().save(*args, **kwargs)

    @property
    def flag_codes(self):
        return [code for code in self.flags.split(",") if code]

    @property
    def is_experience(self):
        return self.kind == self.Kind.EXPERIENCE

    def submission_errors(self):
        """Every rule a new submission breaks, keyed by form field; empty = acceptable."""
        errors = {}
        if self.parent_id:
            errors.update(self._reply_errors())
        if self.is_experience:
            errors.update(self._experience_errors())
        return errors

    def _reply_errors(self):
        parent = self.parent
        if parent.article_id != self.article_id or parent.parent_id is not None:
            return {"parent": gettext("Je kunt alleen antwoorden op een bijdrage bij dit artikel.")}
        if self.is_experience:
            return {"kind": gettext("Een antwoord is een reactie, geen ervaring.")}
        return {}

    def _experience_errors(self):
        messages = {
            "condition": gettext("Vul in om welke aandoening of klacht het gaat."),
            "tried": gettext("Vul in wat je hebt geprobeerd."),
            "tried_type": gettext("Kies wat voor middel het was."),
            "duration": gettext("Vul in hoe lang je het hebt geprobeerd."),
            "outcome": gettext("Kies wat er gebeurde."),
        }
        errors = {
            field: message
            for field, message in messages.items()
            if not getattr(self, field).strip()
        }
        if self.consent_at is None:
            errors["consent"] = gettext(
                "Geef toestemming om je gezondheidservaring te publiceren, of kies 'vraag of "
                "reactie'."
            )
        return errors

    # Transitions. Each locks the row, refuses what makes no sense, and writes the audit entry.
    def approve(self, *, by):
        return self._move(self.Status.APPROVED, by=by, action="comment_approve")

    def reject(self, *, by, reason):
        if not (reason or "").strip():
            raise ValidationError(gettext("Geef een reden op om een bijdrage af te wijzen."))
        return self._move(
            self.Status.REJECTED, by=by, action="comment_reject", reason=reason.strip()
        )

    def mark_spam(self, *, by, reason=""):
        return self._move(self.Status.SPAM, by=by, action="comment_spam", reason=reason)

    def withdraw(self):
        """The writer takes it back with their private link; it leaves the site at once."""
        return self._move(
            self.Status.WITHDRAWN,
            by=None,
            action="comment_withdraw",
            reason=gettext("Ingetrokken door de schrijver."),
        )

    @transaction.atomic
    def _move(self, to, *, by, action, reason=""):
        from blog import audit

        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        if fresh.status == self.Status.WITHDRAWN:
            raise ValidationError(gettext("Deze bijdrage is ingetrokken door de schrijver."))
        if fresh.status == to:
            raise ValidationError(
                gettext("Deze bijdrage heeft al de status '%(status)s'.")
                % {"status": self.Status(to).label}
            )
        changes = {
            "status": to,
            "moderated_by": by if getattr(by, "pk", None) else None,
            "moderated_at": timezone.now(),
            "moderation_reason": reason,
        }
        if to == self.Status.WITHDRAWN:
            changes["dedupe_key"] = None  # the writer may post the same text again later
        type(self).objects.filter(pk=self.pk).update(**changes)
        for field, value in changes.items():
            setattr(self, field, value)
        audit.record(
            action,
            actor=by,
            obj=self,
            article=fresh.article,
            from_state=fresh.status,
            to_state=to,
            reason=reason,
        )
        return self

    @transaction.atomic
    def redact(self, *, by, reason="", **changes):
        """Edit what readers will see; the original text is kept in the audit trail."""
        from blog import audit

        unknown = set(changes) - set(REDACTABLE_FIELDS)
        if unknown:
            raise ValueError(f"Not redactable: {sorted(unknown)}")
        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        original = {f: getattr(fresh, f) for f, v in changes.items() if getattr(fresh, f) != v}
        if not original:
            return self
        for field in original:
            setattr(fresh, field, changes[field])
        fresh.save()
        for field in (*original, "body_html"):
            setattr(self, field, getattr(fresh, field))
        audit.record(
            "comment_redact",
            actor=by,
            obj=fresh,
            article=fresh.article,
            from_state=fresh.status,
            to_state=fresh.status,
            reason=reason,
            data={"original": original},
        )
        return self


class ModerationWord(models.Model):
    """Words moderators maintain: 'block' files a submission as spam, 'hold' flags it."""

    class Action(models.TextChoices):
        BLOCK = "block", _("blokkeren: direct bij spam")
        HOLD = "hold", _("vasthouden met melding")

    phrase = models.CharField(
        _("woord of woordgroep"),
        max_length=100,
        unique=True,
        help_text=_(
            "Hoofdletters maken niet uit; alleen hele woorden tellen ('pil' vindt niet 'pilates')."
        ),
    )
    action = models.CharField(
        _("actie"), max_length=10, choices=Action.choices, default=Action.HOLD
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["action", "phrase"]
        verbose_name = _("moderatiewoord")
        verbose_name_plural = _("moderatiewoorden")

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.split()).lower()
        super().save(*args, **kwargs)


class ModeratorAlert(models.Model):
    """When moderators were last mailed about waiting items; shared by every process."""

    channel = models.CharField(max_length=40, unique=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("moderatiemelding")
        verbose_name_plural = _("moderatiemeldingen")

    def __str__(self):
        return self.channel
