from django import forms
from django.utils.translation import gettext as _

from blog import rendering
from blog.models import Article

SOURCE_PROBLEM_MESSAGES = {
    "too_long": lambda p: _(
        "De tekst is %(length)s tekens; het maximum is %(limit)s. Splits het artikel op."
    ) % p,
    "image_without_alt": lambda p: _(
        "Elke afbeelding in de tekst heeft een alt-tekst nodig: ![beschrijving](adres)."
    ),
}


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        errors = [SOURCE_PROBLEM_MESSAGES[code](params)
                  for code, params in rendering.source_problems(body)]
        if errors:
            raise forms.ValidationError(errors)
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hero_image") and not (cleaned.get("hero_alt") or "").strip():
            self.add_error("hero_alt", _("Een hoofdafbeelding heeft een alt-tekst nodig."))
        return cleaned
