from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, FilteredRelation, Q, prefetch_related_objects
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from blog import rendering
from evidence import linting

MARKDOWN_HELP = _(
    "Markdown. Headings with ## and ###, lists with -, tables with |, links as [text](https://…). Image with caption: ![alt text](https://…/beeld.png \"Caption\") — alt text is required. Boxes: a line '!!! weetje', '!!! onderzoek' or '!!! letop', with the text below it indented by four spaces. Mark every health claim where you make it with [[claim:sleutel]] (lowercase letters, digits and hyphens); a claim without a supporting source blocks publication. Affiliate link: give the link the title \"affiliate\", e.g. [product](https://… \"affiliate\"); an advertising notice is then placed before the link."
)


class PrefetchedTags(TaggableManager):
    """Tags whose form value comes from tags prefetched with the article, when they were:
    taggit's own value_from_object always queries again (the admin change page prefetches)."""

    def value_from_object(self, obj):
        if obj.pk is None:
            return []
        return list(getattr(obj, self.name).all())


class Topic(models.Model):
    """A condition or theme readers browse by (acne, eczeem, psoriasis, …)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The only definition of what readers may see: articles with a current edition.

        Each article comes with that edition as article.current_edition (same query).
        Nothing on the article row itself decides this, so no write to it can.
        """
        return self.with_current_edition().filter(current_edition__isnull=False)

    def with_current_edition(self):
        """Every article, its current edition (or None) joined in the same query."""
        current = FilteredRelation("editions", condition=Q(editions__is_current=True))
        return (
            self.annotate(current_edition=current)
            .select_related("current_edition")
            # select_related leaves an absent edition unset; this says "none" without a query.
            .annotate(current_edition_pk=F("current_edition__pk"))
        )

    def for_listing(self):
        """Published articles with what a teaser needs and nothing heavy, newest first."""
        return (
            self.published()
            .select_related("current_edition__topic")
            .defer(*WORKING_COPY_HEAVY, *EDITION_HEAVY)
            .order_by("-current_edition__first_published_at", "-id")
        )


def prefetch_editions(articles, *lookups):
    """prefetch_related() on the current editions of published articles, as a list.

    Django refuses prefetch_related() across the FilteredRelation that published() uses.
    """
    articles = list(articles)
    prefetch_related_objects([article.current_edition for article in articles], *lookups)
    return articles


# Columns a listing of teasers never reads.
WORKING_COPY_HEAVY = ("body", "body_html")
EDITION_HEAVY = tuple(
    f"current_edition__{name}"
    for name in (
        "body_html",
        "summary_html",
        "references_html",
        "disclaimers_html",
        "review_html",
        "json_ld",
        "search_text",
        "localized",
        "citations",
        "disclaimers",
    )
)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Language(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    # Working copy: what editors edit. Readers never see these fields directly.
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        help_text=_(
            "Part of the URL. A new slug goes live at the next publication; the old address then redirects to it."
        ),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.NL
    )
    lead = models.TextField(_("intro"), max_length=600, help_text=_("One to three sentences."))
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    body_html = models.TextField(editable=False, default="")
    authors = models.ManyToManyField(
        "blog.Author",
        verbose_name=_("authors"),
        related_name="articles",
        blank=True,
        help_text=_("A draft may wait for its author; the gate refuses to publish without one."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = PrefetchedTags(_("tags"), blank=True)
    hero_image = models.ImageField(_("main image"), upload_to="heroes/%Y/", blank=True)
    hero_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: describe what it shows."),
    )
    hero_caption = models.CharField(_("caption"), max_length=250, blank=True)
    hero_credit = models.CharField(
        _("image credit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Source: Gutcheck editors'."),
    )
    hero_licence = models.CharField(_("license"), max_length=100, blank=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    experiences_open = models.BooleanField(_("experiences open"), default=True)
    commercial_interest = models.BooleanField(
        _("commercial interest"),
        default=False,
        help_text=_("Check for affiliate links or paid partnerships: requires a disclosure."),
    )

    # State: changed only by blog.publishing.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("scheduled for"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("first published on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_due = models.DateField(_("re-review due by"), null=True, blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified on"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # Fields only blog.publishing may change; save() refuses anything else. They steer the
    # workflow; what readers see lives in editions (blog.models.editions), which no save() touches.
    GUARDED_FIELDS = (
        "status",
        "published_at",
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and withdraw articles")),
            ("review_article", _("Can medically review articles")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._refuse_unsanctioned_state_change()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = rendering.render_markdown(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)
        if update_fields is None or {"body", "language"} & set(update_fields):
            linting.store(self)  # the gate reads the stored findings instead of linting
        self._loaded = {f: getattr(self, f) for f in self.GUARDED_FIELDS}
        self._transition = False

    def get_absolute_url(self):
        """Where readers find the article: its current edition's address, else the working one."""
        return reverse("blog:article", kwargs={"slug": self.public_slug})

    def working_url(self):
        """The address at the working copy's slug (staff previews; the next edition's address)."""
        return reverse("blog:article", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            f: getattr(instance, f) for f in cls.GUARDED_FIELDS if f in instance.__dict__
        }
        # Remember the guarded fields as loaded, so save() can tell who changed them.
        return instance

    @cached_property
    def current_edition(self):
        """What readers see now, or None. Article.objects.published() fills this in."""
        if self.pk is None or self.__dict__.get("current_edition_pk", 0) is None:
            return None
        return self.editions.filter(is_current=True).first()

    @property
    def is_public(self):
        return self.current_edition is not None

    @property
    def public_slug(self):
        """The slug readers know: a new one takes effect only when it is published."""
        edition = self.current_edition
        return edition.slug if edition else self.slug

    @property
    def public_title(self):
        edition = self.current_edition
        return edition.title if edition else self.title

    def clean(self):
        super().clean()
        taken = self.editions.model.objects.current().filter(slug=self.slug)
        if self.pk is not None:
            taken = taken.exclude(article=self)
        if self.slug and taken.exists():
            raise ValidationError(
                {"slug": _("A published article already has this slug; choose another.")}
            )

    def _refuse_unsanctioned_state_change(self):
        if getattr(self, "_transition", False):
            return
        loaded = getattr(self, "_loaded", None)
        if loaded is None:  # a new article always starts as a draft
            if self.status not in (self.Status.DRAFT, self.Status.IN_REVIEW):
                raise ValidationError(
                    _("A new article starts as a draft; publish it with publish().")
                )
            return
        changed = [f for f, v in loaded.items() if getattr(self, f) != v]
        if changed:
            raise ValidationError(
                _(
                    "The status only changes via publish(), schedule() or withdraw(); not via save() (changed: %(fields)s)."
                )
                % {"fields": ", ".join(changed)}
            )

    # Transitions: thin wrappers so every caller uses the one module, blog.publishing.
    # It imports this model, so BlogConfig.ready() hands it over instead of an import here.
    transitions = None

    def publish(self, *, by):
        return self.transitions.publish(self, by=by)

    def schedule(self, *, at, by):
        return self.transitions.schedule(self, at=at, by=by)

    def unschedule(self, *, by):
        return self.transitions.unschedule(self, by=by)

    def withdraw(self, *, by, reason):
        return self.transitions.withdraw(self, by=by, reason=reason)

    @property
    def is_scheduled(self):
        return self.publish_at is not None and self.status != self.Status.PUBLISHED
