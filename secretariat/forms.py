"""Forms of the Secretariado: the public agreements filter and the admin's session form."""

from django import forms
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.translated import foreign_language
from secretariat.models import Agreement, Member, Session


def short_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def _query(data, drop=()):
    """The query string of the non-empty filters, without `drop` and without the page."""
    pairs = [
        (name, value)
        for name, values in data.lists()
        for value in values
        if value.strip() and name != "pagina" and name not in drop
    ]
    return urlencode(pairs)


class RecordSelect(forms.Select):
    """Options named by the record (session titles, responsible bodies), written in Spanish:
    marked so on an English page, as the record is wherever it is shown."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and (lang := foreign_language(str(label))):
            option["attrs"]["lang"] = lang
        return option


class AgreementFilterForm(forms.Form):
    """Filters of /secretariado/acuerdos/; an invalid value is ignored, never an error page."""

    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos los estados")), *Agreement.Status.choices],
    )
    sesion = forms.ChoiceField(label=_("Sesión"), required=False, widget=RecordSelect)
    responsable = forms.ChoiceField(label=_("Responsable"), required=False, widget=RecordSelect)
    vencidos = forms.BooleanField(
        label=_("Solo los vencidos"),
        required=False,
        help_text=_("Pasó su fecha compromiso y no se han cumplido."),
    )

    def __init__(self, data, agreements):
        """`agreements`: the views of `secretariat.reader.agreements_on` for the day shown."""
        super().__init__(data, label_suffix="")
        sessions = {}
        for agreement in agreements:
            sessions.setdefault(agreement.session_pk, agreement)
        slugs = dict(Session.objects.filter(pk__in=sessions).values_list("pk", "slug"))
        self.fields["sesion"].choices = [
            ("", _("Todas las sesiones")),
            *(
                (slugs[pk], f"{a.session_title} ({short_date(a.session_date)})")
                for pk, a in sorted(
                    sessions.items(), key=lambda item: item[1].session_date, reverse=True
                )
            ),
        ]
        self.session_slugs = {slug: pk for pk, slug in slugs.items()}
        responsibles = sorted({a.responsible.name for a in agreements if a.responsible})
        self.fields["responsable"].choices = [
            ("", _("Cualquier responsable")),
            *((name, name) for name in responsibles),
        ]
        self.is_valid()

    def value(self, name):
        return self.cleaned_data.get(name) or self.fields[name].to_python(None)

    def filter(self, agreements):
        status, session = self.value("estado"), self.value("sesion")
        responsible, overdue = self.value("responsable"), self.value("vencidos")
        return [
            a
            for a in agreements
            if (not status or a.status == status)
            and (not session or a.session_pk == self.session_slugs.get(session))
            and (not responsible or (a.responsible and a.responsible.name == responsible))
            and (not overdue or a.is_overdue)
        ]

    def active_filters(self):
        """Each filter in use, with the query string that removes it."""
        active = []
        for name in ("estado", "sesion", "responsable"):
            value = self.value(name)
            if value:
                label = dict(self.fields[name].choices).get(value, value)
                active.append({"label": f"{self.fields[name].label}: {label}", "name": name})
        if self.value("vencidos"):
            active.append({"label": str(_("Solo vencidos")), "name": "vencidos"})
        for item in active:
            item["query"] = _query(self.data, drop=(item["name"],))
        return active

    def query(self):
        return _query(self.data)


class SessionAdminForm(forms.ModelForm):
    """The admin's session form: attendance offers only the members in office on the date."""

    class Meta:
        model = Session
        fields = [
            "kind",
            "number",
            "date",
            "start_time",
            "place",
            "is_held",
            "held_without_quorum_note",
            "slug",
            "summary",
            "minutes",
            "is_example",
            "attendance",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("attendance")
        if field is None or not self.instance.date:
            return
        # Who was in office that day, plus anyone already recorded (so a wrong entry shows).
        recorded = self.instance.attendance.all() if self.instance.pk else Member.objects.none()
        field.queryset = (
            (Member.objects.in_office(self.instance.date) | Member.objects.filter(pk__in=recorded))
            .select_related("sector")
            .distinct()
        )

    def clean(self):
        cleaned = super().clean()
        if "attendance" in cleaned:
            # The model's clean() judges the attendance being saved, not the stored one.
            self.instance.attendance_to_save = cleaned["attendance"]
        return cleaned
