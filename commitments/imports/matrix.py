"""The plan matrix: axes, objectives, commitments and their indicators, by Código.

One row per indicator. Rows sharing a Código are one commitment: its columns may be left
blank after the first row (merged cells read that way) but must not contradict it. An
existing commitment is updated in its working copy. When it already has a public version
(it was approved), the change is a proposed modification: the working copy changes, the
public record does not, and the Secretariado publishes it with its reason from the
commitment's page (`services.approve_modification` or `publish_version`), never the import.
A new commitment stays a working copy unless the import is asked to publish (version 1,
then the commitment).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments import permissions, services
from commitments.imports.core import (
    CHANGED,
    NEW,
    PROPOSED,
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
    parse_weight,
)
from commitments.models import (
    Axis,
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Indicator,
    Objective,
    Organization,
    ResponsibleUnit,
)

COLUMNS = (
    Column("Eje", "axis"),
    Column("Objetivo", "objective"),
    Column("Código", "code", aliases=("Clave",)),
    Column("Acción", "title", aliases=("Compromiso",)),
    Column("Descripción", "description", required=False),
    Column("Responsable", "unit", aliases=("Dependencia responsable",)),
    Column("Corresponsables", "co", required=False),
    Column("Meta", "goal"),
    Column("Indicador", "indicator"),
    Column("Unidad de medida", "measure"),
    Column("Línea base", "baseline", parse_decimal),
    Column("Valor meta", "target", parse_decimal),
    Column(
        "Sentido",
        "direction",
        choice(Indicator.Direction.choices, gettext_lazy("un sentido conocido")),
    ),
    Column(
        "Periodicidad",
        "periodicity",
        choice(Indicator.Periodicity.choices, gettext_lazy("una periodicidad conocida")),
    ),
    Column("Peso", "weight", parse_weight, required=False),
    Column("Fecha de inicio", "start", parse_date),
    Column("Fecha de término", "end", parse_date),
    Column("Medio de verificación", "verification"),
)
COMMITMENT_FIELDS = (
    "axis",
    "objective",
    "title",
    "description",
    "unit",
    "co",
    "goal",
    "start",
    "end",
)
INDICATOR_FIELDS = (
    "indicator",
    "measure",
    "baseline",
    "target",
    "direction",
    "periodicity",
    "weight",
    "verification",
)
# Column → model field, for comparing and writing.
COMMITMENT_MODEL = {
    "title": "title",
    "description": "description",
    "goal": "goal",
    "start": "start_date",
    "end": "end_date",
}
INDICATOR_MODEL = {
    "indicator": "name",
    "measure": "unit",
    "baseline": "baseline",
    "target": "target",
    "direction": "direction",
    "periodicity": "periodicity",
    "weight": "weight",
    "verification": "verification_means",
}
COMMITMENT_ERRORS = {
    **{model: column for column, model in COMMITMENT_MODEL.items()},
    "unit": "unit",
    "objective": "objective",
    "code": "code",
    "slug": "code",
}
INDICATOR_ERRORS = {model: column for column, model in INDICATOR_MODEL.items()}
PARTY_ERRORS = {"unit": "co", "organization": "co", "role": "co"}
# Data written to the record (the plan is in Spanish), not words of the page.
DEFAULT_ROLE = "Corresponsable"


def co_text(parties):
    """Co-responsible parties as the matrix writes them: «SIGLAS: papel; Organización: papel»."""
    return "; ".join(f"{_party_name(party)}: {role}" for party, role in parties)


def _party_name(party):
    return getattr(party, "acronym", "") or party.name


@dataclass
class Group:
    """The rows of one Código."""

    code: str
    rows: list
    values: dict = field(default_factory=dict)
    commitment: Commitment | None = None
    axis: Axis | None = None
    objective: Objective | None = None
    unit: ResponsibleUnit | None = None
    parties: list | None = None
    indicators: list = field(default_factory=list)

    @property
    def head(self):
        return self.rows[0]


class MatrixImporter(Importer):
    title = gettext_lazy("Matriz del plan")
    columns = COLUMNS

    def __init__(self, *, plan, create_missing=False, create_hint=None, **kwargs):
        super().__init__(**kwargs)
        self.plan = plan
        self.create_missing = create_missing
        # How the door it came through asks to create what is missing: a checkbox in the
        # admin, `--create-missing` on the command line.
        self.create_hint = create_hint or _("marca «crear los que falten»")
        self.proposed = 0

    # --- checking ------------------------------------------------------------------------

    def authorize(self):
        # The preview shows the working copy's values: only who may change them reads it.
        if not permissions.is_reviewer(self.by):
            raise Refused(_("Solo el Secretariado técnico importa la matriz del plan."))

    def check(self, rows):
        self._load()
        groups = {}
        for row in rows:
            if not self.require(row, "code"):
                continue
            code = row.values["code"].upper()
            row.values["code"] = code
            groups.setdefault(code, Group(code=code, rows=[])).rows.append(row)
        self.groups = list(groups.values())
        for done, group in enumerate(self.groups, start=1):
            self._check_group(group)
            self.tick(done, len(self.groups), _("Compromisos revisados"))

    def _load(self):
        plan = self.plan
        versions = CommitmentVersion.objects.filter(commitment=OuterRef("pk"))
        self.existing = {
            c.code.upper(): c
            for c in Commitment.objects.filter(plan=plan)
            .select_related("objective__axis", "unit", "plan__exercise")
            .prefetch_related(
                "indicators", "co_responsibles__unit", "co_responsibles__organization"
            )
            .annotate(has_version=Exists(versions))
        }
        self.axes = {name_key(axis.name): axis for axis in Axis.objects.filter(plan=plan)}
        self.objectives = {}
        # With what a commitment's rules read (its plan's period), loaded once.
        for objective in Objective.objects.filter(axis__plan=plan).select_related(
            "axis__plan__exercise"
        ):
            for name in (objective.title, f"{objective.code} {objective.title}"):
                self.objectives.setdefault((objective.axis_id, name_key(name)), objective)
        self.units = {}
        for unit in ResponsibleUnit.objects.all():
            self.units.setdefault(name_key(unit.name), unit)
            if unit.acronym:
                self.units.setdefault(name_key(unit.acronym), unit)
        self.organizations = {name_key(o.name): o for o in Organization.objects.all()}
        self.new_axes, self.new_objectives, self.new_units = {}, {}, {}

    def _check_group(self, group):
        head = group.head
        group.values = {name: head.values.get(name) for name in COMMITMENT_FIELDS}
        for row in group.rows[1:]:
            for name in COMMITMENT_FIELDS:
                if row.raw.get(name, "") == "":
                    continue
                if name_key(row.raw[name]) != name_key(head.raw.get(name, "")):
                    self.problem(
                        row,
                        name,
                        _("no coincide con la fila %(row)s del mismo código («%(first)s»)")
                        % {"row": head.number, "first": head.raw.get(name, "")},
                    )
        required = ("axis", "objective", "title", "unit", "goal", "start", "end")
        if not self.require(head, *required):
            return
        group.commitment = self.existing.get(group.code)
        self._check_dates(group)
        self._resolve(group)
        seen = {}
        for row in group.rows:
            if all(row.raw.get(name, "") == "" for name in INDICATOR_FIELDS):
                continue
            self._check_indicator(group, row, seen)

    def _check_dates(self, group):
        start, end = group.values["start"], group.values["end"]
        if start and end and end < start:
            self.problem(
                group.head,
                "end",
                _("es anterior a la fecha de inicio (%(start)s)") % {"start": shown(start)},
            )

    def _resolve(self, group):
        head, values = group.head, group.values
        axis_key = name_key(values["axis"])
        group.axis = self.axes.get(axis_key) or self.new_axes.get(axis_key)
        if group.axis is None:
            if not self.create_missing:
                self.problem(
                    head,
                    "axis",
                    _("no es un eje de este plan (%(hint)s para crearlo)")
                    % {"hint": self.create_hint},
                )
            else:
                group.axis = self.new_axes[axis_key] = Axis(
                    plan=self.plan, name=values["axis"][:150]
                )
        unit_key = name_key(values["unit"])
        group.unit = self.units.get(unit_key) or self.new_units.get(unit_key)
        if group.unit is None:
            if not self.create_missing:
                self.problem(
                    head,
                    "unit",
                    _("no es una dependencia registrada (nombre o siglas; %(hint)s para crearla)")
                    % {"hint": self.create_hint},
                )
            else:
                group.unit = self.new_units[unit_key] = ResponsibleUnit(name=values["unit"][:250])
        if group.axis is not None:
            objective_key = (id(group.axis) if group.axis.pk is None else group.axis.pk,)
            objective_key += (name_key(values["objective"]),)
            group.objective = self.objectives.get(objective_key) or self.new_objectives.get(
                objective_key
            )
            if group.objective is None:
                group.objective = self.new_objectives[objective_key] = Objective(
                    axis=group.axis, title=values["objective"][:400]
                )
        if "co" in self.present:
            group.parties = self._parties(head, values["co"] or "")

    def _parties(self, row, typed):
        parties = []
        for part in typed.replace("\n", ";").split(";"):
            if not part.strip():
                continue
            name, _sep, role = part.partition(":")
            key = name_key(name)
            party = self.units.get(key) or self.organizations.get(key) or self.new_units.get(key)
            if party is None and self.create_missing and name.strip():
                # As an unknown Responsable is: a dependency of that name (the Secretariado
                # may later mark it as an organisation in the administration).
                party = self.new_units[key] = ResponsibleUnit(name=name.strip()[:250])
            if party is None:
                self.problem(
                    row,
                    "co",
                    _(
                        "nombra a «%(name)s», que no es una dependencia ni una organización "
                        "registrada (regístrala primero en la administración, o %(hint)s para "
                        "crearla como dependencia)"
                    )
                    % {"name": name.strip(), "hint": self.create_hint},
                )
                continue
            parties.append((party, role.strip() or DEFAULT_ROLE))
        return parties

    def _check_indicator(self, group, row, seen):
        required = ("indicator", "measure", "baseline", "target", "periodicity", "verification")
        if not self.require(row, *required, "direction"):
            return
        name = name_key(row.values["indicator"])
        if name in seen:
            self.problem(
                row,
                "indicator",
                _("está repetido: el código %(code)s ya tiene ese indicador en la fila %(row)s")
                % {"code": group.code, "row": seen[name]},
            )
            return
        seen[name] = row.number
        baseline, target = row.values["baseline"], row.values["target"]
        direction = row.values["direction"]
        if baseline is None or target is None or direction is None:
            return
        if baseline == target:
            self.problem(row, "target", _("es igual a la línea base: la meta debe ser distinta"))
        elif direction == Indicator.Direction.UP and target < baseline:
            self.problem(
                row,
                "direction",
                _("no cuadra: la meta es menor que la línea base, el sentido es «descendente»"),
            )
        elif direction == Indicator.Direction.DOWN and target > baseline:
            self.problem(
                row,
                "direction",
                _("no cuadra: la meta es mayor que la línea base, el sentido es «ascendente»"),
            )
        existing = None
        if group.commitment is not None:
            existing = next(
                (i for i in group.commitment.indicators.all() if name_key(i.name) == name), None
            )
        group.indicators.append((row, existing))

    # --- preview and writing -------------------------------------------------------------

    def write(self, rows):
        groups = [g for g in self.groups if all(row.ok for row in g.rows)]
        slugs = set(Commitment.objects.values_list("slug", flat=True))
        for group in groups:
            self._save_references(group)
        # New commitments, their parties and every new indicator are written in batches
        # (one statement each, not one per row); a commitment already registered is
        # compared and changed one by one, as the admin would.
        new = [group for group in groups if group.commitment is None]
        is_new = {group.code for group in new}
        commitments = [self._new_commitment(group, slugs) for group in new]
        if not self._create(commitments, [g.head for g in new], COMMITMENT_ERRORS):
            return
        for group, commitment in zip(new, commitments, strict=True):
            group.commitment = commitment
        changes = {}
        for done, group in enumerate(groups, start=1):
            try:
                changes[group.code] = self._write_group(group, is_new=group.code in is_new)
            except ValidationError as error:
                self.refused(group.head, error, COMMITMENT_ERRORS)
            self.tick(done, len(groups), _("Compromisos aplicados"))
        parties = [
            CoResponsibility(commitment=group.commitment, role=role, **_party_field(party))
            for group in new
            for party, role in group.parties or ()
        ]
        party_rows = [group.head for group in new for _party in group.parties or ()]
        if not self._create(parties, party_rows, PARTY_ERRORS):
            return
        indicators, indicator_rows = [], []
        for group in groups:
            for order, (row, indicator) in enumerate(group.indicators, start=1):
                if indicator is None:
                    indicators.append(self._new_indicator(group.commitment, row, order))
                    indicator_rows.append(row)
        if not self._create(indicators, indicator_rows, INDICATOR_ERRORS):
            return
        unpublished = [g for g in groups if not g.commitment.is_published]
        if self.publish and unpublished:
            try:
                services.publish_commitments(
                    commitments=[g.commitment for g in unpublished], by=self.by
                )
            except ValidationError as error:
                self._batch_refused(error, [g.head for g in unpublished])
                return
        for group in groups:
            if group.code in changes:
                self._preview(group, group.code in is_new, *changes[group.code])
        if self.proposed and not self.problems:
            self.notes.append(
                ngettext(
                    "%(n)s compromiso aprobado cambia: queda como modificación propuesta, sin "
                    "publicar; el Secretariado técnico la publica con su motivo desde la "
                    "página del compromiso.",
                    "%(n)s compromisos aprobados cambian: cada cambio queda como modificación "
                    "propuesta, sin publicar; el Secretariado técnico las publica con su motivo "
                    "desde la página de cada compromiso.",
                    self.proposed,
                )
                % {"n": self.proposed}
            )

    def _create(self, instances, rows, field_columns):
        """Create `instances` in one batch; True when written. A refused one is a problem on
        its row of the file (`rows`, in the same order)."""
        if not instances:
            return True
        try:
            services.create_many(instances=instances, by=self.by)
        except ValidationError as error:
            self._batch_refused(error, rows, field_columns)
            return False
        return True

    def _batch_refused(self, error, rows, field_columns=None):
        if isinstance(error, services.BatchRefused):
            for position, refused in error.by_position.items():
                self.refused(rows[position], refused, field_columns)
        else:
            # The database refused the batch as a whole (a race with another writer).
            self.problems.extend(Problem(message) for message in error.messages)

    def _commitment_changes(self, group):
        commitment = group.commitment
        changes = []
        for column, model_field in COMMITMENT_MODEL.items():
            if column not in self.present:
                continue
            new = group.values[column]
            if column == "description" and not new:
                continue
            old = getattr(commitment, model_field)
            if old != new:
                changes.append((column, model_field, old, new))
        if commitment.objective_id != getattr(group.objective, "pk", None):
            changes.append(("objective", "objective", commitment.objective, group.objective))
        if commitment.unit_id != getattr(group.unit, "pk", None):
            changes.append(("unit", "unit", commitment.unit, group.unit))
        return changes

    def _indicator_changes(self, indicator, row):
        changes = []
        for column, model_field in INDICATOR_MODEL.items():
            if column not in self.present:
                continue
            new = row.values[column]
            if column == "weight" and new is None:
                continue
            old = getattr(indicator, model_field)
            if old != new:
                changes.append((column, model_field, old, new))
        return changes

    def _current_parties(self, commitment):
        return [(co.party, co.role) for co in commitment.co_responsibles.all()]

    def _write_group(self, group, *, is_new):
        """Change a registered commitment and its registered indicators (a new one was
        written in the batch); returns what its preview shows."""
        commitment = group.commitment
        shown_changes = []
        if not is_new:
            changes = self._commitment_changes(group)
            for _column, model_field, _old, new in changes:
                setattr(commitment, model_field, new)
            if changes:
                services.save(instance=commitment, by=self.by)
            shown_changes += [(c, old, new) for c, _f, old, new in changes]
            if group.parties is not None:
                current = self._current_parties(commitment)
                if [(p.pk, type(p), r) for p, r in current] != [
                    (p.pk, type(p), r) for p, r in group.parties
                ]:
                    services.set_parties(
                        commitment=commitment, co_responsibles=group.parties, by=self.by
                    )
                    shown_changes.append(("co", co_text(current), co_text(group.parties)))
        row_changes = {}
        for row, indicator in group.indicators:
            # None: a new indicator, written with the others in one batch.
            row_changes[row.number] = (
                None if indicator is None else self._write_indicator(row, indicator)
            )
        changed = bool(shown_changes) or any(
            changes is None or changes for changes in row_changes.values()
        )
        proposed = self._publish(group, is_new, changed, shown_changes)
        return shown_changes, row_changes, proposed

    def _new_indicator(self, commitment, row, order):
        values = {
            model: row.values[column]
            for column, model in INDICATOR_MODEL.items()
            if row.values.get(column) is not None
        }
        return Indicator(commitment=commitment, order=order, **values)

    def _write_indicator(self, row, indicator):
        """The changes made to a registered indicator."""
        try:
            changes = self._indicator_changes(indicator, row)
            for _column, model_field, _old, new in changes:
                setattr(indicator, model_field, new)
            if changes:
                services.save(instance=indicator, by=self.by)
            return [(column, old, new) for column, _f, old, new in changes]
        except ValidationError as error:
            self.refused(row, error, INDICATOR_ERRORS)
            return []

    def _publish(self, group, is_new, changed, shown_changes):
        """Count a proposed modification; True when the change is one. What the import may
        publish is published with the others in one batch (`write`)."""
        # An approved commitment changes publicly only by a modification with its reason,
        # which the Secretariado publishes; "publish" here never reaches it.
        proposed = not is_new and group.commitment.has_version and changed
        if proposed:
            self.proposed += 1
        if self.publish and not is_new and not group.commitment.is_published:
            shown_changes.append((_("Publicación"), _("sin publicar"), _("publicado")))
        return proposed

    def _preview(self, group, is_new, commitment_changes, row_changes, proposed=False):
        for row in group.rows:
            label = group.code
            if row.raw.get("indicator"):
                label = f"{group.code} · {row.raw['indicator']}"
            if is_new:
                self.previews.append(Preview(row.number, label, NEW))
                continue
            changes = list(commitment_changes) if row is group.head else []
            indicator_changes = row_changes.get(row.number, [])
            if indicator_changes is None:
                self.previews.append(Preview(row.number, label, NEW))
                continue
            changes += indicator_changes
            shown_list = [
                (self._column_name(column), _display(old), _display(new))
                for column, old, new in changes
            ]
            kind = (PROPOSED if proposed else CHANGED) if shown_list else UNCHANGED
            self.previews.append(Preview(row.number, label, kind, shown_list))

    def _column_name(self, name):
        found = next((c for c in self.columns if c.field == name), None)
        return found.name if found else name

    def _save_references(self, group):
        new_units = [p for p, _role in group.parties or () if isinstance(p, ResponsibleUnit)]
        for unit in (group.unit, *new_units):
            if unit.pk is None:
                unit.slug = _free_slug(ResponsibleUnit, unit.name, 50)
                services.save(instance=unit, by=self.by)
        if group.axis.pk is None:
            group.axis.slug = _free_slug(Axis, group.axis.name, 50)
            group.axis.order = Axis.objects.filter(plan=self.plan).count() + 1
            services.save(instance=group.axis, by=self.by)
        if group.objective.pk is None:
            group.objective.axis = group.axis
            group.objective.order = group.axis.objectives.count() + 1
            services.save(instance=group.objective, by=self.by)

    def _new_commitment(self, group, slugs):
        values = group.values
        slug = base = slugify(f"{self.plan.slug}-{group.code}")[:110]
        number = 2
        while slug in slugs:
            slug = f"{base}-{number}"
            number += 1
        slugs.add(slug)
        return Commitment(
            plan=self.plan,
            objective=group.objective,
            code=group.code,
            slug=slug,
            title=values["title"],
            description=values["description"] or values["title"],
            unit=group.unit,
            goal=values["goal"],
            start_date=values["start"],
            end_date=values["end"],
        )


def _party_field(party):
    if isinstance(party, ResponsibleUnit):
        return {"unit": party}
    return {"organization": party}


def _display(value):
    if isinstance(value, Objective):
        return value.title
    if isinstance(value, ResponsibleUnit):
        return _party_name(value)
    return shown(value)


def _free_slug(model, name, length):
    base = slugify(name)[:length] or "sin-nombre"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: length - len(suffix)] + suffix
        number += 1
    return slug
