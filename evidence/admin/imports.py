"""Adding sources without typing: "Bron toevoegen via DOI/PMID" and file upload.

Both build a preview (evidence.importers.batch) and keep it in the session;
nothing is saved until the editor confirms it, with the designs and
populations they chose. Mixed into the source admin (sources.py).
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence.importers import batch, files, identifiers
from evidence.models import Source

SESSION_KEY = "source-import:{token}"


class IdentifiersForm(forms.Form):
    identifiers = forms.CharField(
        label=gettext_lazy("DOIs or PMIDs"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "autofocus": True}),
        help_text=gettext_lazy(
            "One or many, separated by spaces, commas or new lines; doi.org and PubMed links work too. Nothing is saved until you confirm the preview."
        ),
    )

    def clean_identifiers(self):
        text = self.cleaned_data["identifiers"]
        found, problems = identifiers.parse(text)
        if problems:
            raise ValidationError(problems)
        if not found:
            raise ValidationError(_("Paste at least one DOI or PMID."))
        return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "BibTeX (.bib), RIS (.ris) or CSL-JSON (.json), e.g. an export from Zotero. Nothing is saved until you confirm the preview."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SOURCE_IMPORT["MAX_FILE_BYTES"]
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        try:
            self.preview = batch.from_file(upload.name, upload.read())
        except files.FileError as error:
            raise ValidationError(str(error)) from error
        new, most = self.preview.count(batch.NEW), confirmable()
        if new > most:
            raise ValidationError(
                _(
                    "The file holds %(count)d new sources; one preview can confirm at most %(max)d. Split the file, or import it with manage.py import_sources."
                )
                % {"count": new, "max": most}
            )
        return upload


def confirmable():
    """How many rows one confirmation can carry: each row posts three fields."""
    return (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - 10) // len(ConfirmForm.base_fields)


class ConfirmForm(forms.Form):
    include = forms.BooleanField(label=gettext_lazy("import"), required=False, initial=True)
    design = forms.ChoiceField(label=gettext_lazy("study design"), choices=Source.Design.choices)
    population = forms.ChoiceField(
        label=gettext_lazy("population"), choices=Source.Population.choices
    )


ConfirmFormSet = formset_factory(ConfirmForm, extra=0)


class SourceImportMixin:
    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(method)

        return [
            path("via-id/", view(self.identifiers_view), name="evidence_source_import_ids"),
            path("importeren/", view(self.upload_view), name="evidence_source_import_file"),
            path(
                "importeren/<str:token>/",
                view(self.preview_view),
                name="evidence_source_import_preview",
            ),
            *super().get_urls(),
        ]

    def _require_add_permission(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _page(self, request, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **context,
        }
        return TemplateResponse(request, f"admin/evidence/source/{template}", context)

    def identifiers_view(self, request):
        self._require_add_permission(request)
        form = IdentifiersForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            preview = batch.from_identifiers(form.cleaned_data["identifiers"])
            if preview.has_valid:
                return self._show_preview(request, preview)
            for item in preview.items:
                form.add_error("identifiers", f"{item.record.origin}: {item.reason}")
        return self._page(
            request, "import_form.html", _("Add sources by DOI/PMID"), form=form, multipart=False
        )

    def upload_view(self, request):
        self._require_add_permission(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            return self._show_preview(request, form.preview)
        return self._page(
            request, "import_form.html", _("Import sources from a file"), form=form, multipart=True
        )

    def _show_preview(self, request, preview):
        token = secrets.token_urlsafe(9)
        request.session[SESSION_KEY.format(token=token)] = preview.as_dict()
        return HttpResponseRedirect(reverse("admin:evidence_source_import_preview", args=[token]))

    def preview_view(self, request, token):
        self._require_add_permission(request)
        stored = request.session.get(SESSION_KEY.format(token=token))
        if stored is None:
            self.message_user(
                request,
                _("This preview has expired or was already saved; start again."),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:evidence_source_import_ids"))
        preview = batch.Preview.from_dict(stored)
        new = [i for i, item in enumerate(preview.items) if item.status == batch.NEW]
        formset = ConfirmFormSet(
            request.POST or None, initial=[_initial(preview.items[i]) for i in new]
        )
        if request.method == "POST" and formset.is_valid():
            choices = _choices(formset, new)
            if choices:
                saved = batch.save(preview, choices, by=request.user)
                del request.session[SESSION_KEY.format(token=token)]
                return self._report_saved(request, saved, preview)
            messages.error(request, _("Tick at least one source to import, or cancel."))
        rows = list(zip(formset.forms, [preview.items[i] for i in new], strict=True))
        return self._page(
            request,
            "import_preview.html",
            _("Check and confirm the import"),
            preview=preview,
            formset=formset,
            rows=rows,
            duplicates=[i for i in preview.items if i.status == batch.DUPLICATE],
            invalid=[i for i in preview.items if i.status == batch.INVALID],
            counts={s: preview.count(s) for s in (batch.NEW, batch.DUPLICATE, batch.INVALID)},
        )

    def _report_saved(self, request, saved, preview):
        for source in saved.created:
            self.log_addition(request, source, [{"added": {}}])
        if saved.created:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:evidence_source_change", args=[s.pk]), s.title)
                    for s in saved.created
                ),
            )
            message = _("%(count)d source(s) added from %(label)s: ") % {
                "count": len(saved.created),
                "label": preview.label,
            }
            self.message_user(request, format_html("{}{}", message, links), messages.SUCCESS)
        for item, reason in saved.skipped:
            self.message_user(
                request, f"{item.record.title or item.record.origin}: {reason}", messages.ERROR
            )
        return HttpResponseRedirect(reverse("admin:evidence_source_changelist"))


def _initial(item):
    return {
        "include": True,
        "design": item.record.design.value,
        "population": item.record.population.value,
    }


def _choices(formset, new):
    return {
        index: (form.cleaned_data["design"], form.cleaned_data["population"])
        for index, form in zip(new, formset.forms, strict=True)
        if form.cleaned_data.get("include")
    }
