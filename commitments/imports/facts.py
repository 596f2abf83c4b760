"""Dated facts from a spreadsheet: indicator measurements and milestone progress.

Each row is a value about a date. It enters as a draft unless the import is asked to
publish (the public moment is then stamped by the services, never read from the file).
A row equal to what is already recorded for that date changes nothing, so importing the
same file twice writes nothing the second time. A different value for a date already
published is a correction with a public reason, and only when publishing.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments import permissions, services
from commitments.imports.core import (
    CHANGED,
    NEW,
    UNCHANGED,
    Column,
    Importer,
    Preview,
    Problem,
    shown,
)
from commitments.imports.reading import Refused
from commitments.imports.values import (
    choice,
    name_key,
    parse_date,
    parse_decimal,
    parse_percent,
    parse_url,
    quoted,
)
from commitments.models import (
    Commitment,
    Evidence,
    Measurement,
    MilestoneProgress,
    MilestoneStatus,
)
from core import clock

PUBLICATION = gettext_lazy("Publicación")


def correction_reason():
    # Written into the public record, which is Spanish whatever language the importer reads.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Corrección por importación del %(day)s") % {"day": date_format(clock.today())}


def evidence_title(day):
    """The title of the evidence a row's link records (in the record's language, as above)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Evidencia del avance al %(day)s") % {"day": shown(day)}


class FactImporter(Importer):
    """Rows naming a commitment by Código, one of its parts (`target`) and a date.

    Who imports (`by`) limits what the file may touch: a unit liaison imports only the
    figures of their units' commitments, and a row about any other commitment is refused
    before it is compared with anything recorded, so the answer says nothing about the
    other unit's data. Without `by` the import is the system's own (commands, demo).
    """

    model = None
    target_label = ""
    # A blank target names the commitment's only part (a measurement of its one indicator).
    blank_means_only_part = False
    # Columns compared with what is recorded, with their model field.
    compared = {}

    def __init__(self, *, plan, **kwargs):
        super().__init__(**kwargs)
        self.plan = plan

    # --- checking ------------------------------------------------------------------------

    def authorize(self):
        by = self.by
        if by is not None and not (permissions.is_reviewer(by) or permissions.is_liaison(by)):
            raise Refused(_("Tu cuenta no puede importar avances."))
        if permissions.is_liaison(by) and self.plan.is_closed():
            raise Refused(permissions.closed_plan_message(self.plan))

    def check(self, rows):
        by = self.by
        commitments = {
            c.code.upper(): c
            for c in Commitment.objects.filter(plan=self.plan)
            .select_related("unit", "plan__exercise")
            .prefetch_related(self.parts_name)
        }
        mine = None
        if permissions.is_liaison(by):
            scoped = permissions.scope(Commitment.objects.filter(plan=self.plan), by)
            mine = set(scoped.values_list("pk", flat=True))
        seen = {}
        self.checked = []
        for done, row in enumerate(rows, start=1):
            self.tick(done, len(rows), _("Filas revisadas"))
            blank_target = self.blank_means_only_part and row.raw.get("target", "") == ""
            required = ("code", "date") if blank_target else ("code", "target", "date")
            if not self.require(row, *required, *self.required_values):
                continue
            commitment = commitments.get(row.values["code"].upper())
            if commitment is None:
                self.problem(row, "code", _("no es un compromiso de este plan"))
                continue
            if mine is not None and commitment.pk not in mine:
                # Nothing else about the row is looked at: not its target, not its value.
                self.problem(
                    row,
                    "code",
                    _(
                        "no es un compromiso de tus dependencias: solo importas datos de los "
                        "compromisos de tus dependencias"
                    ),
                )
                continue
            if blank_target:
                target = self._only_part(row, commitment)
                if target is None:
                    continue
            else:
                target = self._target(commitment, row.values["target"])
            if target is None:
                names = ", ".join(quoted(self.part_name(p)) for p in self.parts(commitment))
                self.problem(
                    row,
                    "target",
                    _("no es %(what)s del compromiso %(code)s (tiene: %(names)s)")
                    % {"what": self.target_label, "code": commitment.code, "names": names or "—"},
                )
                continue
            if not row.ok:
                continue
            pair = (target.pk, row.values["date"])
            if pair in seen:
                self.problem(
                    row,
                    "date",
                    _("repite la fila %(row)s (mismo %(what)s y misma fecha)")
                    % {"row": seen[pair], "what": self.target_label},
                )
                continue
            seen[pair] = row.number
            self.checked.append((row, commitment, target))
        self.current = self._current()

    def _only_part(self, row, commitment):
        parts = list(self.parts(commitment))
        if len(parts) == 1:
            return parts[0]
        names = ", ".join(quoted(self.part_name(p)) for p in parts)
        self.problem(
            row,
            "target",
            _(
                "está vacía y el compromiso %(code)s tiene más de uno (%(names)s): "
                "escribe a cuál se refiere el valor"
            )
            % {"code": commitment.code, "names": names}
            if parts
            else _("está vacía y el compromiso %(code)s no tiene ninguno")
            % {"code": commitment.code},
        )
        return None

    def _target(self, commitment, typed):
        parts = list(self.parts(commitment))
        wanted = name_key(typed)
        found = next((p for p in parts if name_key(self.part_name(p)) == wanted), None)
        if found is None and wanted.isdigit():
            found = next((p for p in parts if p.order == int(wanted)), None)
        return found

    def _current(self):
        """The row now in force for each (target, date) of the file: draft or published."""
        field = self.target_field
        targets = {target.pk for _row, _c, target in self.checked}
        dates = {row.values["date"] for row, _c, _t in self.checked}
        newer = self.model.objects.filter(supersedes=OuterRef("pk"))
        rows = (
            self.model.objects.filter(**{f"{field}__in": targets, "date__in": dates})
            .exclude(Exists(newer))
            .order_by("id")
        )
        return {
            (getattr(fact, f"{field}_id"), fact.date): fact
            for fact in rows
            if not fact.is_withdrawal
        }

    # --- writing -------------------------------------------------------------------------

    def write(self, rows):
        # New facts are recorded together at the end (one batch), in the file's order, and
        # previewed as new once recorded.
        self.new = []
        for done, (row, commitment, target) in enumerate(self.checked, start=1):
            if not row.ok:
                continue
            try:
                self._write_row(row, commitment, target)
            except ValidationError as error:
                self.refused(row, error)
            self.tick(done, len(self.checked), _("Filas aplicadas"))
        if not self.new:
            return
        try:
            services.record_many(
                facts=[fact for _row, fact, _label in self.new], publish=self.publish, by=self.by
            )
        except services.BatchRefused as refused:
            for position, error in refused.by_position.items():
                self.refused(self.new[position][0], error)
            return
        except ValidationError as error:
            # The database refused the batch as a whole (a race with another writer).
            self.problems.extend(Problem(message) for message in error.messages)
            return
        self.previews += [Preview(row.number, label, NEW) for row, _fact, label in self.new]

    def values(self, row):
        """Model field → value, for the compared columns the file has."""
        return {
            model_field: "" if row.values.get(column) is None else row.values[column]
            for column, model_field in self.compared.items()
            if column in self.present
        }

    def _write_row(self, row, commitment, target):
        label = f"{commitment.code} · {self.part_name(target)} · {shown(row.values['date'])}"
        added = self.before(row, target)
        existing = self.current.get((target.pk, row.values["date"]))
        values = self.values(row)
        if existing is None:
            self.new.append((row, self.fact(row, target, values), label))
            return
        changes = {f: v for f, v in values.items() if getattr(existing, f) != v}
        shown_changes = added + [
            (self._column_for(f), shown(getattr(existing, f)), shown(v)) for f, v in changes.items()
        ]
        if existing.is_public and changes:
            if not self.publish:
                first = next(c for c, f in self.compared.items() if f in changes)
                self.problem(
                    row,
                    first,
                    _(
                        "cambia lo ya publicado para esa fecha («%(old)s»): para corregirlo, "
                        "importa con «publicar» (se publica una corrección con su motivo) o "
                        "corrígelo en la administración"
                    )
                    % {"old": shown(getattr(existing, self.compared[first]))},
                )
                return
            services.correct(fact=existing, reason=correction_reason(), by=self.by, **changes)
        elif changes:
            services.update_draft(fact=existing, by=self.by, **changes)
        if self.publish and not existing.is_public:
            services.publish(fact=existing, by=self.by)
            shown_changes.append((PUBLICATION, _("borrador"), _("publicado")))
        kind = CHANGED if shown_changes else UNCHANGED
        self.previews.append(Preview(row.number, label, kind, shown_changes))

    def _column_for(self, model_field):
        column = next(c for c, f in self.compared.items() if f == model_field)
        return self.column(column).name

    def before(self, row, target):
        """Record what a row needs before its fact (evidence for a milestone); returns the
        changes to show."""
        return []

    def fact(self, row, target, values):
        """The new fact a row records (unsaved: `write` records them together)."""
        raise NotImplementedError


class MeasurementImporter(FactImporter):
    title = gettext_lazy("Avances de indicadores")
    blank_means_only_part = True
    model = Measurement
    target_field = "indicator"
    parts_name = "indicators"
    target_label = gettext_lazy("un indicador")
    required_values = ("value",)
    columns = (
        Column("Código", "code", aliases=("Clave",)),
        Column("Indicador", "target"),
        Column("Fecha", "date", parse_date, aliases=("Fecha del dato",)),
        Column("Valor", "value", parse_decimal),
        Column("Comentario", "comment", required=False, aliases=("Descripción del avance",)),
        Column(
            "Evidencia",
            "evidence",
            parse_url,
            required=False,
            aliases=("Evidencia (URL)", "Enlace de evidencia"),
        ),
    )
    compared = {"value": "value", "comment": "narrative", "evidence": "evidence_url"}
    field_columns = {
        "date": "date",
        "value": "value",
        "narrative": "comment",
        "evidence_url": "evidence",
        "indicator": "target",
    }

    def parts(self, commitment):
        return commitment.indicators.all()

    def part_name(self, indicator):
        return indicator.name

    def fact(self, row, target, values):
        return Measurement(
            indicator=target,
            date=row.values["date"],
            value=values.get("value", row.values["value"]),
            narrative=values.get("narrative", ""),
            evidence_url=values.get("evidence_url", ""),
        )


class MilestoneProgressImporter(FactImporter):
    title = gettext_lazy("Avances de hitos")
    model = MilestoneProgress
    target_field = "milestone"
    parts_name = "milestones"
    target_label = gettext_lazy("un hito")
    required_values = ("percent",)
    columns = (
        Column("Código", "code", aliases=("Clave",)),
        Column("Hito", "target"),
        Column("Fecha", "date", parse_date, aliases=("Fecha del avance",)),
        Column("Avance %", "percent", parse_percent, aliases=("Avance", "Porcentaje")),
        Column(
            "Estado",
            "status",
            choice(MilestoneStatus.choices, gettext_lazy("un estado de hito")),
            required=False,
        ),
        Column("Comentario", "comment", required=False, aliases=("Qué se hizo",)),
        Column(
            "Evidencia",
            "evidence",
            parse_url,
            required=False,
            aliases=("Evidencia (URL)", "Enlace de evidencia"),
        ),
    )
    compared = {"percent": "percent", "status": "milestone_status", "comment": "narrative"}
    field_columns = {
        "date": "date",
        "percent": "percent",
        "milestone_status": "status",
        "narrative": "comment",
        "milestone": "target",
        "evidence_url": "evidence",
    }

    def parts(self, commitment):
        return commitment.milestones.all()

    def part_name(self, milestone):
        return milestone.title

    def values(self, row):
        values = super().values(row)
        values["percent"] = row.values["percent"]
        if not row.values.get("status"):
            # The status the services give a percent when none is written.
            percent = row.values["percent"]
            values["milestone_status"] = (
                MilestoneStatus.COMPLETE
                if percent == 100
                else MilestoneStatus.IN_PROGRESS
                if percent
                else MilestoneStatus.PENDING
            )
        return values

    def before(self, row, target):
        url = row.values.get("evidence")
        if not url:
            return []
        found = (
            Evidence.objects.filter(milestone=target, evidence_url=url, is_withdrawal=False)
            .exclude(Exists(Evidence.objects.filter(supersedes=OuterRef("pk"))))
            .first()
        )
        if found is None:
            services.add_evidence(
                title=evidence_title(row.values["date"]),
                milestone=target,
                date=row.values["date"],
                evidence_url=url,
                publish=self.publish,
                by=self.by,
            )
            return [(self.column("evidence").name, "—", url)]
        if self.publish and not found.is_public:
            services.publish(fact=found, by=self.by)
            return [(self.column("evidence").name, _("borrador"), _("publicado"))]
        return []

    def fact(self, row, target, values):
        return MilestoneProgress(
            milestone=target,
            date=row.values["date"],
            percent=values["percent"],
            milestone_status=values["milestone_status"],
            narrative=values.get("narrative", ""),
        )
