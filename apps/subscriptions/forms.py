from django import forms
from django.utils.translation import gettext_lazy as _

from apps.regions.models import Province
from apps.requests.choices import Industry
from apps.subscriptions.services import MAX_KEYWORDS, parse_keywords

HONEYPOT_FIELD = "website"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address the digest should go to."),
            "invalid": _("Enter a whole e-mail address, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    industries = forms.MultipleChoiceField(
        label=_("Industries"),
        choices=Industry.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every industry."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=400,
        help_text=_("Separated by commas or spaces, such as 盐碱地, battery. None: no filter."),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Province.objects.order_by("code"),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the whole country."),
    )
    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_keywords(self):
        text = self.cleaned_data["keywords"]
        words = parse_keywords(text)
        if len(text.split()) > MAX_KEYWORDS * 2 or len(words) >= MAX_KEYWORDS + 1:
            raise forms.ValidationError(
                _("At most %(count)s keywords, please."), params={"count": MAX_KEYWORDS}
            )
        return words
