from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.experts.models import MESSAGE_MAX_LENGTH, ExpertMessage

HONEYPOT_FIELD = "website"
# What a spreadsheet would run as a formula if the text began with it (apps.core.export).
FORMULA_STARTS = ("=", "+", "-", "@")


def refuse_formula(value):
    if value.lstrip().startswith(FORMULA_STARTS):
        raise ValidationError(
            _("This cannot begin with =, +, - or @: write the name as it is spelled."),
            code="formula",
        )
    return value


class ExpertMessageForm(forms.ModelForm):
    """The relay form on an expert's page. The model's text rules (``apps.core.text``: no
    control characters, no text-direction overrides, not only invisible characters) apply
    through the model's validation, so every mistake is shown at once."""

    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ExpertMessage
        fields = ["sender_name", "organization", "email", "body"]
        labels = {
            "sender_name": pgettext_lazy("expert message", "Your name"),
            "organization": pgettext_lazy("expert message", "Your organisation"),
            "email": pgettext_lazy("expert message", "Your e-mail"),
            "body": pgettext_lazy("expert message", "Your message"),
        }
        help_texts = {
            "email": _("The expert answers you at this address."),
            "body": _(
                "What you would like to discuss: your problem, your organisation's work, how "
                "to reach you. At most 5,000 characters."
            ),
        }
        widgets = {
            "sender_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
        }
        error_messages = {
            "sender_name": {
                "required": _("Enter your name."),
                "max_length": _("Shorten your name to at most %(limit_value)d characters."),
            },
            "organization": {
                "required": _("Enter the name of your organisation."),
                "max_length": _(
                    "Shorten the organisation's name to at most %(limit_value)d characters."
                ),
            },
            "email": {
                "required": _("Enter your e-mail address: the expert answers you there."),
                "invalid": _("Enter a valid e-mail address, e.g. name@example.com."),
            },
            "body": {
                "required": _("Write a message before sending."),
                "max_length": _(
                    "Shorten your message to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL is told with the portal's own sentence (apps.core.text), run by the model.
        for field in self.fields.values():
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]

    def clean_sender_name(self):
        return refuse_formula(self.cleaned_data["sender_name"])

    def clean_organization(self):
        return refuse_formula(self.cleaned_data["organization"])

    def cleaned_data_for_message(self):
        """What the service takes: the typed fields, never the honeypot."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}
