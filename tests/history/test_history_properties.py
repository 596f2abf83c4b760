"""The record cannot be rewritten: what was public at the end of a day stays what it was.

Hypothesis draws sequences of writes (values about earlier dates, corrections, withdrawals,
milestone progress, text and weight edits, approved modifications, overrides, publication
and withdrawal of the commitment), each on its own day, all through the services. What the
reader shows for a day D is taken after the writes up to D; the writes after D must not
change it. Runs on SQLite and PostgreSQL like the rest of the suite.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments import reader, services
from commitments.models import Measurement
from commitments.semaforo import Status
from core import clock
from tests.commitments import builders
from tests.commitments.lists import judged, listed, reference, stored
from tests.conftest import examples

pytestmark = pytest.mark.django_db(transaction=False)

FIRST_DAY = date(2026, 1, 5)
LAST_DAY = date(2026, 11, 20)
SPAN = (LAST_DAY - FIRST_DAY).days

KINDS = [
    "measure",
    "measure_late",
    "correct",
    "withdraw",
    "progress",
    "revise",
    "modify",
    "override",
    "unpublish",
    "publish",
]

events = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, SPAN),  # the day the write happens
        st.integers(0, 100),  # a value or percent
        st.integers(0, 1),  # which commitment
    ),
    min_size=1,
    max_size=12,
)


class Rollback(Exception):
    pass


def build():
    plan = builders.make_plan(published_on=date(2025, 6, 1))
    commitments = [
        builders.make_commitment(
            plan,
            code=f"P-0{n}",
            indicators=[{"name": "Indicador A"}, {"name": "Indicador B", "weight": 2}],
            milestones=[{"title": "Hito A"}, {"title": "Hito B"}],
            published_on=date(2025, 6, 1),
        )
        for n in (1, 2)
    ]
    return plan, commitments


def apply(kind, day, value, commitment):
    """One write, at noon of `day`. Writes the services refuse are skipped (that is fine:
    refusing is not rewriting)."""
    indicator = commitment.indicators.order_by("order").first()
    milestone = commitment.milestones.order_by("order").first()
    with clock.moment(day):
        try:
            if kind == "measure":
                services.record_measurement(
                    indicator=indicator, date=day, value=value, publish=True
                )
            elif kind == "measure_late":
                # A value about an earlier date, entered and published today.
                services.record_measurement(
                    indicator=indicator,
                    date=max(FIRST_DAY, day - timedelta(days=40)),
                    value=value,
                    publish=True,
                )
            elif kind in ("correct", "withdraw"):
                latest = (
                    Measurement.objects.public_at(day)
                    .filter(indicator__commitment=commitment)
                    .order_by("-published_at")
                    .first()
                )
                if latest is None:
                    return
                if kind == "correct":
                    services.correct(fact=latest, reason="Error de captura.", value=Decimal(value))
                else:
                    services.withdraw(fact=latest, reason="Dato sin respaldo.")
            elif kind == "progress":
                services.record_milestone_progress(
                    milestone=milestone, date=day, percent=min(value, 99), publish=True
                )
            elif kind == "revise":
                commitment.title = f"Texto corregido {value}"
                services.save(instance=commitment)
                indicator.weight = Decimal(value % 5 + 1)
                services.save(instance=indicator)
                services.publish_version(commitment=commitment, reason="Corrección de redacción.")
            elif kind == "modify":
                commitment.end_date = date(2027, 1, 1) + timedelta(days=value)
                services.save(instance=commitment)
                services.approve_modification(
                    commitment=commitment,
                    approved_on=day,
                    summary="Se amplía el plazo",
                    reason="Acuerdo de ampliación.",
                )
            elif kind == "override":
                status = [Status.DELAYED, Status.AT_RISK, Status.ON_TRACK][value % 3]
                services.set_override(commitment=commitment, status=status, reason="Motivo.")
            elif kind == "unpublish":
                services.unpublish_commitment(commitment=commitment, reason="Revisión.")
            elif kind == "publish":
                services.publish_commitment(commitment=commitment)
        except ValidationError:
            return


def seen(plan, commitments, day):
    """Everything the public pages of the plan take from the reader for `day`."""
    view = reader._plan_view(plan, day)  # not the memo: commits never happen inside a test
    rows = [
        (
            r.code,
            r.title,
            r.end,
            r.verdict.status,
            r.verdict.progress,
            r.verdict.expected,
            r.verdict.stale,
            r.verdict.explanation,
        )
        for r in view.rows
    ]
    pages = []
    for commitment in commitments:
        detail = reader.commitment_view(commitment, day)
        if detail is None:
            pages.append(None)
            continue
        pages.append(
            (
                detail.row.title,
                detail.verdict.explanation,
                [
                    (i.name, i.weight, [(m.date, m.value) for m in i.measurements])
                    for i in detail.indicators
                ],
                [(m.title, m.percent, m.status) for m in detail.milestones],
                [(e.day, e.text, e.reason) for e in detail.history],
                [(d, v.progress) for d, v in detail.progress_history],
            )
        )
    return rows, view.last_update, pages


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=events, cut=st.integers(0, SPAN))
def test_writes_after_a_day_never_change_what_it_showed(writes, cut):
    day = FIRST_DAY + timedelta(days=cut)
    writes = sorted(writes, key=lambda w: w[1])
    try:
        with transaction.atomic():
            plan, commitments = build()
            for kind, offset, value, which in writes:
                if FIRST_DAY + timedelta(days=offset) <= day:
                    apply(kind, FIRST_DAY + timedelta(days=offset), value, commitments[which])
            before = seen(plan, commitments, day)
            for kind, offset, value, which in writes:
                if FIRST_DAY + timedelta(days=offset) > day:
                    apply(kind, FIRST_DAY + timedelta(days=offset), value, commitments[which])
            for commitment in commitments:
                commitment.refresh_from_db()
            assert seen(plan, commitments, day) == before
            # The lists' stored states follow every one of those writes.
            for shown in (day, LAST_DAY):
                found = reference(plan, shown)
                assert listed(plan, shown) == found
                assert stored(plan, shown) == judged(found)
            raise Rollback
    except Rollback:
        pass


def test_original_version_never_changes(commitment):
    original = commitment.versions.get(number=1).data
    builders.approve(commitment, date(2026, 6, 12), title="Nuevo texto", end_date=date(2027, 3, 1))
    with clock.moment(date(2026, 8, 1)):
        commitment.title = "Otro texto"
        services.save(instance=commitment)
        services.publish_version(commitment=commitment, reason="Redacción.")
    assert commitment.versions.get(number=1).data == original
    view = reader.commitment_view(commitment, date(2026, 8, 2))
    assert view.original.data["title"] == "Compromiso C-01"
    assert view.row.title == "Otro texto"


def test_a_published_fact_cannot_be_edited_only_corrected(commitment):
    indicator = commitment.indicators.get()
    fact = builders.add_measurement(indicator, date(2026, 3, 31), 20)
    with pytest.raises(ValidationError):
        services.update_draft(fact=fact, value=Decimal(30))
    with pytest.raises(ValidationError):
        services.delete_draft(fact=fact)
    with clock.moment(date(2026, 4, 10)):
        services.correct(fact=fact, reason="Se sumó mal.", value=Decimal(25))
    before = reader.commitment_view(commitment, date(2026, 4, 9)).indicators[0].measurements
    after = reader.commitment_view(commitment, date(2026, 4, 10)).indicators[0].measurements
    assert [m.value for m in before] == [Decimal(20)]
    assert [(m.value, m.correction_reason) for m in after] == [(Decimal(25), "Se sumó mal.")]
    history = reader.commitment_view(commitment, date(2026, 4, 10)).history
    assert any("20 → 25" in e.text and e.reason == "Se sumó mal." for e in history)


def test_a_value_entered_today_about_an_earlier_date_is_not_seen_earlier(commitment):
    indicator = commitment.indicators.get()
    builders.add_measurement(indicator, date(2026, 5, 31), 40, published_on=date(2026, 7, 1))
    june = reader.commitment_view(commitment, date(2026, 6, 30))
    july = reader.commitment_view(commitment, date(2026, 7, 1))
    assert june.indicators[0].measurements == ()
    assert [m.value for m in july.indicators[0].measurements] == [Decimal(40)]


def test_an_override_applies_from_the_day_it_is_published(commitment):
    builders.set_override(
        commitment, Status.AT_RISK, date(2026, 5, 1), published_on=date(2026, 5, 10)
    )
    assert not reader.commitment_view(commitment, date(2026, 5, 9)).verdict.overridden
    verdict = reader.commitment_view(commitment, date(2026, 5, 10)).verdict
    assert verdict.overridden and verdict.status == Status.AT_RISK
    # The computed status stays visible beside it.
    assert verdict.computed_status != ""
