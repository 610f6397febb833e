from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address you write to us from."),
            "invalid": _("Enter a whole e-mail address, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
