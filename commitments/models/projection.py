from django.db import connection, models
from django.db.models import Case, Count, F, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Collate, Round
from django.utils.translation import gettext_lazy as _

from commitments import stored

# Sums and orders of the expectation are rounded so equal gaps stay equal whichever span
# they were computed from.
DIGITS = 6


class CommitmentStateQuerySet(models.QuerySet):
    """Lists' reads: the states public on one day, filtered, counted and sorted in SQL."""

    def on(self, plan_id, day):
        return self.filter(plan_ref=plan_id, valid_from__lte=day, valid_until__gt=day)

    def under_objectives(self, ids):
        return self.filter(objective_ref__in=ids)

    def with_party(self, tag):
        """`tag`: "|u:<id>|" or "|o:<id>|" (see `projection.party_tag`)."""
        return self.filter(parties__contains=tag)

    def with_pillar(self, pk):
        return self.filter(pillars__contains=f"|{pk}|")

    def with_words(self, words):
        """Every word (folded like `search_text`) somewhere in the code, title or text."""
        for word in words:
            self = self.filter(search_text__contains=word)
        return self

    def with_status(self, statuses, stale_flag):
        """Any of `statuses`, or "sin actualizar" when `stale_flag` is among them."""
        wanted = Q(status__in=[s for s in statuses if s != stale_flag])
        if stale_flag in statuses:
            wanted |= Q(stale=True)
        return self.filter(wanted)

    @staticmethod
    def expected_on(day):
        """The expectation on `day` of a span that covers it."""
        return stored.expected_on_sql(day)

    def assessed(self, *, starred=False):
        states = self.exclude(assessment_completion="")
        return states.filter(assessment_starred=True) if starred else states

    def count_by(self, *fields):
        """(*fields, count) per distinct value of `fields`."""
        return self.values_list(*fields).annotate(count=Count("id")).order_by()

    def tally(self, day, *fields):
        """(*fields, status, stale, is example, count, sum of progress with none as 0, sum
        of the expectation on `day`, latest public moment) per group."""
        return (
            self.values_list(*fields, "status", "stale", "commitment__is_example")
            .annotate(
                count=Count("id"),
                progress_sum=Sum(Coalesce("progress", Value(0.0))),
                expected_sum=Sum(self.expected_on(day)),
                last=Max("last_public"),
            )
            .order_by()
        )

    def by_code(self, *first):
        """Sorted by `first` (expressions), then by code as `reader.natural_key` sorts."""
        return self.order_by(*first, _bytes("sort_code"))

    def ordered(self, key, day, severity):
        """Sorted as the board sorts: by code (""), "estado", "avance" or "titulo"."""
        code = _bytes("sort_code")
        if key == "estado":
            gap = Case(
                When(progress__isnull=True, then=Value(0.0)),
                default=self.expected_on(day) - F("progress"),
            )
            rank = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(severity)))
            return self.order_by(rank, F("stale").desc(), Round(gap, DIGITS).desc(), code)
        if key == "avance":
            return self.order_by(Coalesce("progress", Value(0.0)).desc(), code)
        if key == "titulo":
            return self.order_by(_bytes("sort_title"), code)
        return self.order_by(code)


def _bytes(name):
    """Compare the column byte by byte, as Python compares strings; SQLite already does."""
    return Collate(name, "C") if connection.vendor == "postgresql" else F(name)


class CommitmentState(models.Model):
    """What the public saw of one commitment on every day from `valid_from` to the day
    before `valid_until`: its matrix row, the semáforo's inputs and the semáforo's verdict
    (see `commitments.projection`).

    Derived data, never edited and not audited: rebuilt from the facts whenever one of them
    is written, so lists filter, count, sort and paginate in SQL and judge in full only the
    rows they show.
    """

    audited = False

    objects = CommitmentStateQuerySet.as_manager()

    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("compromiso"),
    )
    valid_from = models.DateField(_("desde"))
    valid_until = models.DateField(_("hasta (sin incluir)"))
    # The texts a list shows and searches, as columns: parsing them out of JSON for thousands
    # of rows would cost more than the rest of the row.
    code = models.CharField(_("clave"), max_length=20)
    title = models.TextField(_("título"))
    description = models.TextField(_("descripción"), blank=True)
    # What the axis and party pages select on, so they read only their own commitments: the
    # objective of the version in force, and "|u:<unit id>|o:<organisation id>|…" for the
    # responsible unit and every co-responsible party.
    objective_ref = models.BigIntegerField(_("objetivo"), null=True)
    parties = models.TextField(_("responsables"))
    payload = models.JSONField(_("estado"))
    plan_ref = models.BigIntegerField(_("plan"), default=0)
    unit_ref = models.BigIntegerField(_("dependencia responsable"), default=0)
    # "|<pillar id>|…", like `parties`.
    pillars = models.TextField(_("pilares"), default="")
    # What the board sorts and searches on: the code as `reader.natural_key` orders it, the
    # title and "code title description" in lower case without accents (`listing.fold`).
    sort_code = models.TextField(_("clave para ordenar"), default="")
    sort_title = models.TextField(_("título para ordenar"), default="")
    search_text = models.TextField(_("texto para buscar"), default="")
    # The verdict on every day of the span: the spans are also cut wherever the status or
    # the "sin actualizar" flag changes and wherever the expectation bends, so both are
    # constant and the expectation is `expected + expected_slope * days since valid_from`.
    status = models.CharField(_("estado"), max_length=20, default="")
    stale = models.BooleanField(_("sin actualizar"), default=False)
    progress = models.FloatField(_("avance"), null=True)
    expected = models.FloatField(_("avance esperado al inicio del tramo"), default=0)
    expected_slope = models.FloatField(_("avance esperado por día"), default=0)
    # `valid_from` as a day number (`date.toordinal`): SQL date arithmetic differs by engine.
    from_day = models.IntegerField(_("día de inicio"), default=0)
    # When the latest measurement or milestone progress it shows became public.
    last_public = models.DateTimeField(_("último avance público"), null=True)
    # The latest public rating on each transversal indicator: "|<dimension>:<level>|…".
    ratings = models.TextField(_("valoraciones transversales"), default="")
    # The latest public independent assessment; no completion: not assessed.
    assessment_completion = models.CharField(_("cumplimiento valorado"), max_length=20, default="")
    assessment_potential = models.CharField(_("potencial valorado"), max_length=20, default="")
    assessment_starred = models.BooleanField(_("destacado"), default=False)
    assessor = models.CharField(_("valoró"), max_length=200, default="")

    # Which code made the row (`commitments.stored.RULE_VERSION`): rows of an older rule are
    # rebuilt after `migrate` (`projection.rebuild_stale`), never served as they were.
    rule_version = models.CharField(_("versión de la regla"), max_length=16, default="")

    class Meta:
        verbose_name = _("estado público de compromiso")
        verbose_name_plural = _("estados públicos de compromisos")
        indexes = [
            models.Index(
                fields=["commitment", "valid_until", "valid_from"], name="commitment_state_day"
            ),
            models.Index(
                fields=["plan_ref", "valid_until", "valid_from"], name="commitment_state_plan_day"
            ),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.valid_from}…{self.valid_until}"
