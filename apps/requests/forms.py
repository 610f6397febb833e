from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import is_typed_text
from apps.regions.models import City, Province
from apps.requests.attachments import ACCEPT_ATTRIBUTE, check_uploads
from apps.requests.models import TechRequest
from apps.requests.submission import (
    CITY_REQUIRED,
    SUBMITTED_FIELDS,
    cities_of,
    city_required,
    clean_description,
    clean_phone,
)
from apps.requests.tokens import SubmissionTokenInvalid, submission_key

HONEYPOT_FIELD = "website"


def region_code(value):
    """A submitted region code, or None when it cannot be one (never sent to the database)."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 6:
        return value
    return None


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str) and region_code(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class TechRequestForm(forms.ModelForm):
    """The public form. Field errors name the problem; a second click is caught by the token."""

    province = RegionChoiceField(
        label=_("Province or municipality"),
        queryset=Province.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("Choose a province…"),
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    city = RegionChoiceField(
        label=_("City"),
        queryset=City.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Choose a city…"),
        error_messages={
            "invalid_choice": _("Choose a city in the selected province."),
            "required": CITY_REQUIRED,
        },
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Optional. PDF, Word, Excel, PowerPoint, OpenDocument or images (JPEG, PNG, GIF, "
            "WebP); up to 5 files, 10 MB each, 25 MB in all."
        ),
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the university may contact me about this request."),
        error_messages={
            "required": _("Please agree to be contacted, otherwise we cannot answer you.")
        },
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)
    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = TechRequest
        fields = SUBMITTED_FIELDS
        labels = {
            "organization_name": _("Organization"),
            "organization_kind": _("Kind of organization"),
            "contact_name": _("Contact person"),
            "email": _("Email"),
            "phone": _("Phone"),
            "industry": _("Industry"),
            "title": _("The problem in one line"),
            "description": _("The problem in your own words"),
            "cooperation_kind": _("Kind of cooperation sought"),
            "budget_range": _("Budget range"),
            "timeline": _("Hoped-for timeline"),
        }
        help_texts = {
            "organization_name": _("The full registered name of your company or agency."),
            "phone": _("Mobile or landline with area code, e.g. 010-62781234."),
            "title": _("A short title, e.g. “Reduce energy use of our drying line”."),
            "description": _(
                "What is the problem, what have you tried, what result would help you? "
                "At least 30 characters."
            ),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organization_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "organization_name": {"required": _("Enter the name of your organization.")},
            "organization_kind": {"required": _("Choose the kind of your organization.")},
            "contact_name": {"required": _("Enter the name of the person we should contact.")},
            "email": {
                "required": _("Enter an email address: we send the tracking link there."),
                "invalid": _("Enter a valid email address, e.g. name@example.com."),
            },
            "phone": {"required": _("Enter a phone number.")},
            "industry": {"required": _("Choose the industry closest to your problem.")},
            "title": {"required": _("Give the problem a one-line title.")},
            "description": {"required": _("Describe the problem in your own words.")},
            "cooperation_kind": {
                "required": _("Choose the kind of cooperation you seek, or “Not sure yet”.")
            },
            "budget_range": {"required": _("Choose a budget range, or “Not decided yet”.")},
            "timeline": {"required": _("Choose a timeline, or “Flexible”.")},
        }

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        province = self._chosen_province()
        city_field = self.fields["city"]
        city_field.queryset = cities_of(province)
        city_field.required = city_required(province)
        if province is not None and not city_field.required:
            city_field.empty_label = _("(no cities listed)")
        city_field.widget.attrs.update(
            {
                "data-cities-url": reverse("requests:cities"),
                "data-placeholder": _("Choose a city…"),
                "data-updated-text": _("The city list has been updated."),
                "data-failed-text": _(
                    "The city list could not be loaded; use the button next to the province."
                ),
            }
        )
        for name in ("organization_kind", "industry", "budget_range", "timeline"):
            self.fields[name].choices = [("", _("Choose…"))] + list(self.fields[name].choices)[1:]
        kind = self.fields["cooperation_kind"]
        kind.widget = forms.RadioSelect()
        kind.choices = list(kind.choices)[1:]

    def _chosen_province(self):
        code = (
            self.data.get(self.add_prefix("province"))
            if self.is_bound
            else (self.initial.get("province"))
        )
        if isinstance(code, Province):
            return code
        code = region_code(code)
        if not code:
            return None
        return Province.objects.filter(code=code).first()

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_description(self):
        return clean_description(self.cleaned_data["description"])

    def clean_attachments(self):
        return check_uploads(self.cleaned_data["attachments"])

    def clean_submission_token(self):
        try:
            return submission_key(self.cleaned_data["submission_token"], self.session)
        except SubmissionTokenInvalid:
            raise forms.ValidationError(
                _(
                    "This form has expired or was opened in another browser. Please check "
                    "your entries and submit again; your typed values have been kept."
                ),
                code="expired",
            ) from None

    def _post_clean(self):
        """The model's field rules on the text the partner typed (the portal's text rules,
        ``apps.core.text``, among them), so that every mistake is shown at once; the request
        as a whole is validated by the service."""
        model = self._meta.model
        typed = [
            name
            for name in self._meta.fields
            if name in self.cleaned_data and is_typed_text(model._meta.get_field(name))
        ]
        instance = construct_instance(self, self.instance, fields=typed)
        try:
            instance.clean_fields(
                exclude=[field.name for field in model._meta.fields if field.name not in typed]
            )
        except ValidationError as error:
            self._update_errors(error)


class PartnerMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before sending.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this request. This cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )
