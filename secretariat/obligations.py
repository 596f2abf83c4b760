"""What the Secretariado owes the public, checked from its own record on a day.

Pure functions over plain values (dates), like `commitments.semaforo`, so each rule is tested
without a database and read the same way by the public panel and `manage.py check_plan`.
Each rule says where it comes from; a check is met, not met, or not yet due, with its dates.
The record it reads comes from `secretariat.reader.obligations_record`.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

OGP_STANDARDS = gettext_lazy(
    "Estándares de Participación y Cocreación de la Alianza para el Gobierno Abierto (OGP), 2021"
)


class State(models.TextChoices):
    MET = "cumple", gettext_lazy("Cumple")
    NOT_MET = "no_cumple", gettext_lazy("No cumple")
    NOT_YET_DUE = "aun_no_vence", gettext_lazy("Aún no vence")


# Tone and icon of each state, as the semáforo badges draw them (never colour alone).
BADGES = {
    State.MET: ("done", "check"),
    State.NOT_MET: ("overdue", "octagon"),
    State.NOT_YET_DUE: ("planned", "ring"),
}


@dataclass(frozen=True)
class Rule:
    key: str
    title: str
    rule: str
    source: str


@dataclass(frozen=True)
class Check:
    rule: Rule
    state: str
    detail: str
    due: date | None = None

    @property
    def state_label(self):
        return State(self.state).label

    @property
    def tone(self):
        return BADGES[self.state][0]

    @property
    def icon(self):
        return BADGES[self.state][1]


@dataclass(frozen=True)
class Record:
    """The dates the rules read, as public at the end of `day`."""

    day: date
    start: date | None  # the forum's installation (its first session), if any
    meetings: list = field(default_factory=list)  # days sessions were held
    repository_updates: list = field(default_factory=list)  # minutes and reports published
    page_updates: list = field(default_factory=list)  # any change to the public record
    minutes: list = field(default_factory=list)  # (session title, held on, minutes published on)
    overdue: list = field(default_factory=list)  # (agreement code, due date)


def months_after(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _when(day):
    return date_format(day)


def every(rule, start, events, day, months, *, what):
    """`events` happened from `start` on with no gap longer than `months`, through `day`."""
    if start is None or start > day:
        return Check(rule, State.NOT_YET_DUE, _("El Secretariado aún no se instalaba."))
    points = [start, *sorted(e for e in set(events) if start < e <= day)]
    for before, after in pairwise(points):
        if after > months_after(before, months):
            return Check(
                rule,
                State.NOT_MET,
                _("Entre el %(before)s y el %(after)s no hubo %(what)s.")
                % {"before": _when(before), "after": _when(after), "what": what},
                due=months_after(before, months),
            )
    last = points[-1]
    due = months_after(last, months)
    if day > due:
        return Check(
            rule,
            State.NOT_MET,
            _("No hay %(what)s desde el %(last)s; vencía el %(due)s.")
            % {"what": what, "last": _when(last), "due": _when(due)},
            due=due,
        )
    return Check(
        rule,
        State.MET,
        _("Último registro: %(last)s. El siguiente vence el %(due)s.")
        % {"last": _when(last), "due": _when(due)},
        due=due,
    )


def per_year(rule, start, events, day, times):
    """At least `times` events in each calendar year from the forum's start through `day`;
    the year under way is not yet due until it has them."""
    if start is None or start > day:
        return Check(rule, State.NOT_YET_DUE, _("El Secretariado aún no se instalaba."))
    counts = dict.fromkeys(range(start.year, day.year + 1), 0)
    for event in events:
        if start <= event <= day:
            counts[event.year] += 1
    short = [year for year in range(start.year, day.year) if counts[year] < times]
    if short:
        return Check(
            rule,
            State.NOT_MET,
            _("En %(years)s hubo menos de %(times)s actualizaciones.")
            % {"years": ", ".join(str(y) for y in short), "times": times},
            due=date(short[0], 12, 31),
        )
    done = counts[day.year]
    detail = ngettext(
        "En %(year)s: %(n)s actualización.", "En %(year)s: %(n)s actualizaciones.", done
    ) % {"year": day.year, "n": done}
    state = State.MET if done >= times else State.NOT_YET_DUE
    return Check(rule, state, detail, due=date(day.year, 12, 31))


def minutes_on_time(rule, minutes, day, due_days):
    """Each held session's signed minutes published within `due_days` days of it."""
    late, waiting = [], []
    for title, held_on, published_on in minutes:
        due = held_on + timedelta(days=due_days)
        if published_on is not None and published_on <= due:
            continue
        if published_on is None and day <= due:
            waiting.append((title, due))
        else:
            late.append((title, due))
    if late:
        title, due = late[0]
        return Check(
            rule,
            State.NOT_MET,
            ngettext(
                "%(n)s acta firmada fuera de plazo: la de la %(title)s (vencía el %(due)s).",
                "%(n)s actas firmadas fuera de plazo; la primera, la de la %(title)s "
                "(vencía el %(due)s).",
                len(late),
            )
            % {"n": len(late), "title": title, "due": _when(due)},
            due=due,
        )
    if waiting:
        title, due = waiting[0]
        return Check(
            rule,
            State.NOT_YET_DUE,
            _("El acta firmada de la %(title)s vence el %(due)s.")
            % {"title": title, "due": _when(due)},
            due=due,
        )
    if not minutes:
        return Check(rule, State.NOT_YET_DUE, _("Aún no se celebra ninguna sesión."))
    return Check(
        rule,
        State.MET,
        ngettext(
            "%(n)s acta firmada publicada a tiempo.",
            "Las %(n)s actas firmadas se publicaron a tiempo.",
            len(minutes),
        )
        % {"n": len(minutes)},
    )


def agreements_on_time(rule, overdue):
    if overdue:
        code, due = overdue[0]
        return Check(
            rule,
            State.NOT_MET,
            ngettext(
                "%(n)s acuerdo vencido; el primero, %(code)s (vencía el %(due)s).",
                "%(n)s acuerdos vencidos; el primero, %(code)s (vencía el %(due)s).",
                len(overdue),
            )
            % {"n": len(overdue), "code": code, "due": _when(due)},
            due=due,
        )
    return Check(rule, State.MET, _("Ningún acuerdo vencido."))


def rules(due_days):
    return {
        "meetings": Rule(
            "sesiones",
            _("Sesiona con regularidad"),
            _("El Secretariado se reúne al menos cada seis meses."),
            str(OGP_STANDARDS) + _(", estándar 1, requisito mínimo."),
        ),
        "repository": Rule(
            "repositorio",
            _("Repositorio de documentos al día"),
            _(
                "El repositorio de documentos (actas firmadas e informes de avance) se "
                "actualiza al menos dos veces al año."
            ),
            str(OGP_STANDARDS) + _(", estándar 2, requisito mínimo."),
        ),
        "page": Rule(
            "pagina",
            _("Página web actualizada"),
            _("La página del Secretariado se actualiza al menos cada cuatro meses."),
            _(
                "Regla de publicación fijada para este portal (issue 31); no se encontró su "
                "fundamento normativo: confírmalo con el Secretariado."
            ),
        ),
        "minutes": Rule(
            "actas",
            _("Actas firmadas a tiempo"),
            ngettext(
                "El acta firmada de cada sesión se publica a más tardar %(days)s día después.",
                "El acta firmada de cada sesión se publica a más tardar %(days)s días después.",
                due_days,
            )
            % {"days": due_days},
            _("Plazo configurado en el portal (MINUTES_DUE_DAYS)."),
        ),
        "agreements": Rule(
            "acuerdos",
            _("Acuerdos sin vencer"),
            _("Ningún acuerdo del Secretariado pasa su fecha compromiso sin cumplirse."),
            _("Los propios acuerdos del Secretariado: la fecha compromiso de cada uno."),
        ),
    }


def check_all(record, due_days):
    """Every obligation on `record.day`, in the order the panel shows them."""
    found = rules(due_days)
    day = record.day
    return [
        every(found["meetings"], record.start, record.meetings, day, 6, what=_("ninguna sesión")),
        per_year(found["repository"], record.start, record.repository_updates, day, 2),
        every(
            found["page"],
            record.start,
            record.page_updates,
            day,
            4,
            what=_("ninguna actualización"),
        ),
        minutes_on_time(found["minutes"], record.minutes, day, due_days),
        agreements_on_time(found["agreements"], record.overdue),
    ]
