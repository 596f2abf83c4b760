import copy
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments import semaforo
from commitments.semaforo import ProgressSource, Status

from .plan import ActionPlan, Objective, Pillar, ResponsibleUnit


class CommitmentQuerySet(models.QuerySet):
    """Reads of commitments; `with_progress(as_of)` loads all the semáforo needs.

    The semáforo is computed in Python from prefetched rows, so a page costs the
    same handful of queries for 40 or 4,000 commitments.
    """

    _progress_as_of = None

    def _clone(self):
        clone = super()._clone()
        clone._progress_as_of = self._progress_as_of
        return clone

    def _fetch_all(self):
        super()._fetch_all()
        if self._progress_as_of is not None:
            for obj in self._result_cache:
                if isinstance(obj, Commitment):
                    obj._prefetched_as_of = self._progress_as_of

    def published(self):
        return self.filter(is_published=True, plan__is_published=True)

    def in_plan(self, plan):
        return self.filter(plan=plan)

    def for_listing(self):
        return self.select_related("plan", "objective__axis", "unit").prefetch_related("pillars")

    def with_progress(self, as_of):
        from .indicators import Indicator, Measurement
        from .milestones import Milestone, RoundReportEntry

        clone = self.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "id").prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=Measurement.objects.published(as_of).order_by("date", "id"),
                        to_attr="published_measurements",
                    )
                ),
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.order_by("order", "id").prefetch_related(
                    Prefetch(
                        "report_entries",
                        queryset=RoundReportEntry.objects.submitted(as_of)
                        .select_related("report")
                        .order_by("report__submitted_on", "id"),
                        to_attr="entries_as_of",
                    )
                ),
            ),
        )
        clone._progress_as_of = as_of
        return clone

    def with_details(self, as_of):
        """Everything the commitment page shows as it stood on `as_of`, in a fixed number
        of queries: only what had been published, submitted or dated by that day."""
        from .assessment import Assessment
        from .commitment_extras import CoResponsibility, Modification
        from .milestones import Evidence, RoundReport, RoundReportEntry

        evidence = Evidence.objects.filter(date__lte=as_of).order_by("date", "id")
        return (
            self.for_listing()
            .with_progress(as_of)
            .select_related("closing_report")
            .prefetch_related(
                "plan__rounds",
                "milestones__unit",
                Prefetch("milestones__evidence", queryset=evidence, to_attr="evidence_as_of"),
                Prefetch(
                    "evidence",
                    queryset=evidence.filter(milestone=None, report=None),
                    to_attr="general_evidence",
                ),
                Prefetch(
                    "co_responsibles",
                    queryset=CoResponsibility.objects.select_related("unit", "organization"),
                ),
                "ratings",
                Prefetch("modifications", queryset=Modification.objects.select_related("session")),
                Prefetch(
                    "assessments",
                    queryset=Assessment.objects.filter(is_published=True, assessed_on__lte=as_of),
                    to_attr="published_assessments",
                ),
                Prefetch(
                    "round_reports",
                    queryset=RoundReport.objects.filter(submitted_on__lte=as_of).prefetch_related(
                        Prefetch(
                            "entries",
                            queryset=RoundReportEntry.objects.select_related("milestone"),
                        ),
                        Prefetch("evidence", queryset=evidence, to_attr="evidence_as_of"),
                    ),
                ),
            )
        )


class Commitment(models.Model):
    """An action (compromiso) of the plan: one row of the tracking matrix."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("plan"),
        editable=False,
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("objetivo")
    )
    code = models.CharField(
        _("clave"), max_length=20, help_text=_("Única dentro del plan, p. ej. DA-01.")
    )
    slug = models.SlugField(_("identificador en la URL"), max_length=120, unique=True)
    title = models.CharField(_("acción"), max_length=300)
    description = models.TextField(_("descripción"))
    unit = models.ForeignKey(
        ResponsibleUnit,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("dependencia responsable"),
    )
    contact_name = models.CharField(_("persona enlace"), max_length=200, blank=True)
    contact_role = models.CharField(_("cargo de la persona enlace"), max_length=200, blank=True)
    goal = models.TextField(_("meta"))
    start_date = models.DateField(_("fecha de inicio"))
    end_date = models.DateField(_("fecha de término"))
    pillars = models.ManyToManyField(
        Pillar, related_name="commitments", verbose_name=_("pilares"), blank=True
    )
    progress_source = models.CharField(
        _("fuente de avance"),
        max_length=20,
        choices=ProgressSource.choices,
        blank=True,
        help_text=_("Vacío: la que indica el plan."),
    )
    is_example = models.BooleanField(
        _("datos de ejemplo"),
        default=False,
        help_text=_("Marca los compromisos inventados para demostración; se avisa en cada página."),
    )
    is_published = models.BooleanField(_("publicado"), default=True)
    status_override = models.CharField(
        _("estado asignado manualmente"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("Solo si el cálculo no refleja la realidad; el motivo se publica."),
    )
    override_reason = models.TextField(_("motivo público del estado asignado"), blank=True)
    override_since = models.DateField(_("estado asignado desde"), null=True, blank=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="commitment_unique_code_per_plan",
                violation_error_message=_("Ya existe un compromiso con esa clave en este plan."),
            )
        ]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def get_absolute_url(self):
        return reverse("commitment", args=[self.slug])

    @property
    def axis(self):
        return self.objective.axis

    @property
    def effective_progress_source(self):
        return self.progress_source or self.plan.default_progress_source

    def clean(self):
        errors = {}
        if self.objective_id:
            self.plan = self.objective.axis.plan
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fecha de término no puede ser anterior a la de inicio.")
        if self.plan_id and self.start_date and self.end_date:
            exercise = self.plan.exercise
            if self.start_date < exercise.start_date or self.end_date > exercise.end_date:
                errors["start_date"] = _(
                    "Las fechas deben caer dentro del periodo del ejercicio (%(start)s a %(end)s)."
                ) % {
                    "start": exercise.start_date.strftime("%d/%m/%Y"),
                    "end": exercise.end_date.strftime("%d/%m/%Y"),
                }
        if self.status_override and not self.override_reason.strip():
            errors["override_reason"] = _(
                "Escriba el motivo público por el que se asigna el estado manualmente."
            )
        if self.status_override == Status.COMPLETE and not self.has_verification_evidence():
            errors["status_override"] = _(
                "Un compromiso solo puede marcarse como completo si tiene al menos una evidencia "
                "de verificación (en un hito o en un avance)."
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        if "status_override" in field_names and "override_since" in field_names:
            instance._loaded_override = (instance.status_override, instance.override_since)
        return instance

    def save(self, *args, **kwargs):
        if self.objective_id and not self.plan_id:
            self.plan = self.objective.axis.plan
        # A new assigned status starts today, so past dates never show it.
        loaded = getattr(self, "_loaded_override", None)
        if not self.status_override:
            self.override_since = None
        elif loaded is None:
            self.override_since = self.override_since or timezone.localdate()
        elif self.status_override != loaded[0] and self.override_since == loaded[1]:
            self.override_since = timezone.localdate()
        super().save(*args, **kwargs)
        self._loaded_override = (self.status_override, self.override_since)

    def validate_constraints(self, exclude=None):
        # The plan is never a form field (it follows the objective), yet the
        # per-plan unique code must still be checked before saving.
        if exclude and "code" not in exclude:
            exclude = set(exclude) - {"plan"}
        super().validate_constraints(exclude=exclude)

    def has_verification_evidence(self):
        """Evidence on the commitment or its milestones, or on a measurement.

        Like Milestone.evidence_count, honours `pending_evidence_count` set by a
        page that saves evidence in the same submit.
        """
        from .indicators import Measurement

        pending = getattr(self, "pending_evidence_count", None)
        if pending is not None:
            has_evidence = pending > 0
        else:
            has_evidence = bool(self.pk) and self.evidence.exists()
        if has_evidence or not self.pk:
            return has_evidence
        return (
            Measurement.objects.filter(indicator__commitment=self)
            .exclude(evidence_file="", evidence_url="")
            .exists()
        )

    # --- the semáforo -----------------------------------------------------

    def _prefetched_covers(self, as_of):
        """True when rows prefetched for a day on or after `as_of` can answer for `as_of`."""
        loaded = getattr(self, "_prefetched_as_of", None)
        return loaded is not None and as_of <= loaded

    def _indicators_as_of(self, as_of):
        """Indicators with their measurements published by `as_of` (prefetched or queried)."""
        if self._prefetched_covers(as_of):
            # What was public on a day is a subset of what was public on any later day.
            indicators = []
            for indicator in self.indicators.all():
                earlier = copy.copy(indicator)
                earlier.published_measurements = [
                    m for m in indicator.published_measurements if m.is_published_on(as_of)
                ]
                indicators.append(earlier)
            return indicators
        from .indicators import Measurement

        indicators = list(self.indicators.order_by("order", "id"))
        by_indicator = {i.pk: [] for i in indicators}
        for m in (
            Measurement.objects.published(as_of)
            .filter(indicator__in=indicators)
            .order_by("date", "id")
        ):
            by_indicator[m.indicator_id].append(m)
        for indicator in indicators:
            indicator.published_measurements = by_indicator[indicator.pk]
        return indicators

    def _milestones_as_of(self, as_of):
        if self._prefetched_covers(as_of):
            return list(self.milestones.all())
        from .milestones import RoundReportEntry

        milestones = list(self.milestones.order_by("order", "id"))
        entries = {m.pk: [] for m in milestones}
        for entry in (
            RoundReportEntry.objects.submitted(as_of)
            .select_related("report")
            .filter(milestone__in=milestones)
            .order_by("report__submitted_on", "id")
        ):
            entries[entry.milestone_id].append(entry)
        for milestone in milestones:
            milestone.entries_as_of = entries[milestone.pk]
        return milestones

    def progress_parts(self, as_of):
        """(progress, expected, has_data, stale) for each source this commitment uses."""
        source = self.effective_progress_source
        parts = []
        if source in (ProgressSource.INDICATORS, ProgressSource.BOTH):
            indicators = self._indicators_as_of(as_of)
            progress = semaforo.weighted_mean(
                (i.progress_from(i.published_measurements), i.weight) for i in indicators
            )
            has_data = any(i.published_measurements for i in indicators)
            stale = any(i.is_stale(as_of, self.start_date) for i in indicators)
            expected = semaforo.expected_progress(self.start_date, self.end_date, as_of)
            parts.append((progress if has_data else None, expected, has_data, stale))
        if source in (ProgressSource.MILESTONES, ProgressSource.BOTH):
            milestones = self._milestones_as_of(as_of)
            progress = semaforo.weighted_mean(
                (m.percent_as_of(as_of), m.weight) for m in milestones
            )
            expected = semaforo.weighted_mean(
                (m.expected_as_of(as_of), m.weight) for m in milestones
            )
            has_data = any(m.percent_as_of(as_of) for m in milestones)
            if expected is None:
                expected = semaforo.expected_progress(self.start_date, self.end_date, as_of)
            parts.append((progress if has_data else None, expected, has_data, False))
        return parts

    def verdict(self, as_of=None):
        """The semáforo for this commitment on `as_of` (today by default)."""
        as_of = as_of or timezone.localdate()
        cache = self.__dict__.setdefault("_verdicts", {})
        if as_of in cache:
            return cache[as_of]
        parts = self.progress_parts(as_of)
        with_data = [p for p in parts if p[2]]
        progress = semaforo.weighted_mean((p[0], 1) for p in with_data)
        expected = semaforo.weighted_mean((p[1], 1) for p in (with_data or parts))
        override_applies = bool(
            self.status_override and self.override_since and self.override_since <= as_of
        )
        result = semaforo.evaluate(
            progress=progress,
            expected=expected,
            start=self.start_date,
            as_of=as_of,
            has_data=bool(with_data),
            source=self.effective_progress_source,
            thresholds=self.plan.thresholds,
            stale=any(p[3] for p in parts),
            override=self.status_override if override_applies else "",
            override_reason=self.override_reason if override_applies else "",
        )
        cache[as_of] = result
        return result

    def completed_on(self, as_of=None):
        """The day the commitment reached completion, if it has by `as_of`."""
        as_of = as_of or timezone.localdate()
        verdict = self.verdict(as_of)
        if verdict.status != Status.COMPLETE:
            return None
        if verdict.overridden:
            return self.override_since
        dates = [
            i.published_measurements[-1].date
            for i in self._indicators_as_of(as_of)
            if i.published_measurements
        ]
        dates += [m.completed_as_of(as_of) for m in self._milestones_as_of(as_of)]
        dates = [d for d in dates if d]
        return max(dates) if dates else as_of

    def progress_history(self, as_of=None):
        """(day, verdict) on each day up to `as_of` that the public progress data changed:
        a measurement was published, a round report submitted or a milestone's live
        percent took effect."""
        as_of = as_of or timezone.localdate()
        source = self.effective_progress_source
        days = set()
        if source in (ProgressSource.INDICATORS, ProgressSource.BOTH):
            for indicator in self._indicators_as_of(as_of):
                days.update(max(m.date, m.published_on) for m in indicator.published_measurements)
        if source in (ProgressSource.MILESTONES, ProgressSource.BOTH):
            for milestone in self._milestones_as_of(as_of):
                days.update(e.report.submitted_on for e in milestone.entries_by(as_of))
                if milestone.is_live_on(as_of):
                    days.add(milestone.progress_updated_on)
        return [(day, self.verdict(day)) for day in sorted(days)]

    def closing_report_due(self, as_of=None):
        done = self.completed_on(as_of)
        if done is None:
            return None
        return done + timedelta(days=self.plan.closing_report_days)

    def original_version(self):
        """The approved version before any modification, or None if never modified."""
        first = self.modifications.order_by("approved_on", "id").first()
        return first.previous_version if first else None

    def snapshot(self):
        """The public content of this commitment, to keep an approved version on record."""
        return {
            "code": self.code,
            "title": self.title,
            "description": self.description,
            "goal": self.goal,
            "unit": str(self.unit),
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "indicators": [
                {
                    "name": i.name,
                    "unit": i.unit,
                    "baseline": str(i.baseline),
                    "target": str(i.target),
                    "verification": i.verification_means,
                }
                for i in self.indicators.order_by("order", "id")
            ],
            "milestones": [
                {
                    "title": m.title,
                    "deliverable": m.deliverable,
                    "start_date": m.start_date.isoformat(),
                    "end_date": m.end_date.isoformat(),
                }
                for m in self.milestones.order_by("order", "id")
            ],
        }
