"""Domain rules: validation messages, member terms, sessions and the route's vocabulary."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from secretariat.models import Agreement, Call, Member, RouteMilestone, Session

from .conftest import TODAY


def errors(obj, **kwargs):
    with pytest.raises(ValidationError) as caught:
        obj.clean(**kwargs)
    return caught.value.message_dict


def test_a_term_cannot_end_before_it_starts(sectors):
    member = Member(
        name="X", sector=sectors.citizens, term_start=date(2025, 4, 30), term_end=date(2025, 1, 1)
    )
    assert errors(member) == {
        "term_end": ["El fin del periodo no puede ser anterior a su inicio (30/04/2025)."]
    }


def test_a_session_in_the_future_cannot_be_marked_as_held(db):
    session = Session(kind=Session.Kind.ORDINARY, number=4, date=date(2026, 12, 11), is_held=True)
    assert errors(session, today=TODAY) == {
        "is_held": ["Una sesión con fecha futura no puede marcarse como celebrada."]
    }
    # On the day itself it may be marked as held (no one recorded yet: it must say why).
    session.held_without_quorum_note = "La asistencia se captura al día siguiente."
    session.clean(today=date(2026, 12, 11))


def test_a_session_number_is_unique_per_kind_and_year(approval_session):
    twin = Session(kind=Session.Kind.ORDINARY, number=2, date=date(2025, 11, 1))
    assert errors(twin, today=TODAY) == {
        "number": ["Ya hay una 2ª Sesión Ordinaria registrada en 2025."]
    }
    Session(kind=Session.Kind.ORDINARY, number=2, date=date(2026, 11, 1)).clean(today=TODAY)


def test_an_agreement_cannot_be_due_before_its_session(approval_session):
    agreement = Agreement(session=approval_session, code="X-1", due_date=date(2025, 8, 1))
    assert errors(agreement) == {
        "due_date": ["La fecha compromiso no puede ser anterior a la sesión (29/08/2025)."]
    }


def test_a_milestone_cannot_end_before_it_starts():
    step = RouteMilestone(start_date=date(2025, 6, 12), end_date=date(2025, 6, 9))
    assert errors(step) == {
        "end_date": ["La fecha de término no puede ser anterior a la de inicio."]
    }


def test_a_call_deadline_cannot_precede_its_publication():
    call = Call(published_on=date(2025, 2, 4), deadline=date(2025, 1, 4))
    assert errors(call) == {"deadline": ["La fecha límite no puede ser anterior a la publicación."]}


def test_sessions_are_named_and_slugged_like_the_minutes(db):
    ordinary = Session.objects.create(kind=Session.Kind.ORDINARY, number=2, date=date(2025, 8, 29))
    installation = Session.objects.create(
        kind=Session.Kind.INSTALLATION, number=1, date=date(2025, 4, 30)
    )
    extraordinary = Session.objects.create(
        kind=Session.Kind.EXTRAORDINARY, number=1, date=date(2026, 3, 2)
    )
    assert str(ordinary) == "2ª Sesión Ordinaria (29/08/2025)"
    assert ordinary.slug == "2a-sesion-ordinaria-2025"
    assert str(installation) == "Sesión de Instalación (30/04/2025)"
    assert installation.slug == "sesion-de-instalacion-2025"
    assert extraordinary.slug == "1a-sesion-extraordinaria-2026"


def test_members_in_office_and_former_members_depend_on_the_day(cast):
    current = set(Member.objects.current(TODAY).values_list("name", flat=True))
    former = set(Member.objects.former(TODAY).values_list("name", flat=True))
    assert current == {cast.ana.name, cast.beto.name, cast.carla.name}
    assert former == {cast.diego.name, cast.elena.name}
    # Before Elena's term ended she was still in office.
    assert cast.elena in Member.objects.current(date(2026, 6, 30))


def test_only_consented_personal_data_is_public(cast):
    assert cast.ana.public_profile == "Ana coordina la mesa de participación."
    assert cast.ana.public_organization == "Consejo de Colonos del Norte"
    assert cast.beto.public_profile == ""
    assert cast.beto.public_organization == ""
    assert cast.carla.public_organization == ""
    assert cast.ana.public_photo is None  # consented to nothing about a photo and has none


def test_route_vocabulary(route):
    assert set(RouteMilestone.objects.done()) == {route.call, route.cocreation}
    assert set(RouteMilestone.objects.planned()) == {
        route.late,
        route.presentation,
        route.final,
        route.third_cut,
    }
    assert list(RouteMilestone.objects.current(TODAY)) == [route.review, route.implementation]


def test_upcoming_is_by_date_not_by_order_and_skips_what_is_done(route):
    upcoming = list(RouteMilestone.objects.upcoming(TODAY))
    # The overdue planned cut comes first: it is still pending.
    assert upcoming == [route.late, route.presentation, route.third_cut, route.final]


def test_upcoming_includes_a_future_milestone_already_marked_in_progress(route):
    route.third_cut.status = RouteMilestone.Status.IN_PROGRESS
    route.third_cut.save()
    assert route.third_cut in RouteMilestone.objects.upcoming(TODAY)
    assert route.third_cut not in RouteMilestone.objects.upcoming(date(2027, 2, 1))


def test_a_planned_milestone_spanning_today_is_current(route):
    route.presentation.start_date = date(2026, 11, 20)
    route.presentation.end_date = date(2026, 11, 30)
    route.presentation.save()
    assert RouteMilestone.objects.current(TODAY).first() == route.presentation


def test_the_route_as_of_a_day(route):
    as_of = RouteMilestone.objects.as_of(TODAY)
    assert [step.title for step in as_of.steps][:2] == [route.call.title, route.cocreation.title]
    assert as_of.current == route.review
    assert as_of.next_step == route.presentation
    assert as_of.upcoming == [route.late, route.presentation, route.third_cut]
    assert as_of.done_count == 2

    before_everything = RouteMilestone.objects.as_of(date(2025, 1, 1))
    assert before_everything.current is None
    assert before_everything.next_step == route.call
