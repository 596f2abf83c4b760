"""secretariat.demo.load(): idempotent, valid, callable inside a transaction."""

from datetime import date

import pytest
from django.db import transaction

from secretariat import demo, reader
from secretariat.models import (
    AgendaItem,
    Agreement,
    Call,
    Member,
    RouteMilestone,
    Sector,
    Session,
)

from .conftest import TODAY
from .html import parse

MODELS = [Sector, Member, Call, Session, AgendaItem, Agreement, RouteMilestone]


def snapshot():
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    rows["attendance"] = list(
        Session.attendance.through.objects.order_by("session_id", "member_id").values_list(
            "session_id", "member_id"
        )
    )
    return rows


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first
    counts = {name: len(rows) for name, rows in first.items()}
    assert counts == {
        "Sector": 6,
        "Member": 13,
        "Call": 1,
        "Session": 7,
        "AgendaItem": 30,
        "Agreement": 15,
        "RouteMilestone": 18,
        "attendance": counts["attendance"],
    }
    assert counts["attendance"] > 40


@pytest.mark.django_db(transaction=True)
def test_it_can_run_inside_a_callers_transaction():
    with transaction.atomic():
        demo.load()
        session = demo.plan_approval_session()
    assert Session.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_plan_approval_session_is_the_second_ordinary_session_of_2025():
    session = demo.plan_approval_session()  # loads the demo data when missing
    assert str(session) == "2ª Sesión Ordinaria (29/08/2025)"
    assert session.slug == "2a-sesion-ordinaria-2025"
    assert session.is_held
    assert session.agreements.filter(code="STMGA-2025-02-01").exists()
    assert RouteMilestone.objects.get(stage=RouteMilestone.Stage.APPROVAL).session == session
    assert demo.plan_approval_session() == session
    assert Session.objects.count() == 7


@pytest.mark.django_db
def test_demo_rows_pass_model_validation():
    demo.load()
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_demo_agreements_have_mixed_statuses_and_members_are_examples():
    demo.load()
    statuses = {a.status for a in reader.agreements_on(TODAY)}
    assert statuses == set(Agreement.Status.values)
    assert not Member.objects.filter(is_example=False).exists()
    assert Member.objects.former(TODAY).count() == 2


@pytest.mark.django_db
def test_the_real_2025_route_and_what_comes_after_it():
    demo.load()
    route = RouteMilestone.objects.as_of(TODAY)
    real = [(s.title, s.start_date) for s in route.steps if not s.is_example]
    assert real[:3] == [
        ("Convocatoria para integrar el Secretariado", date(2025, 2, 4)),
        ("Firma de la Declaratoria de Estado Abierto Guanajuato 2025-2027", date(2025, 3, 14)),
        ("Instalación del Secretariado Técnico", date(2025, 4, 30)),
    ]
    assert ("Encuesta ciudadana de diagnóstico", date(2025, 5, 16)) in real
    assert ("Aprobación del Plan de Acción 2025-2027", date(2025, 8, 29)) in real
    assert route.current.title == "Revisión de medio término"
    assert [s.title for s in route.upcoming] == [
        "Presentación de la revisión de medio término",
        "Tercer corte semestral de avances",
        "Autoevaluación final del ejercicio",
    ]


@pytest.mark.django_db
def test_demo_pages_announce_example_data(client, today):
    demo.load()
    for url in ["/secretariado/", "/ruta/", "/secretariado/sesiones/2a-sesion-ordinaria-2025/"]:
        notice = parse(client.get(url)).find("section", class_="notice--example")
        assert "Datos de ejemplo." in notice.text, url
    # The call is real, but its deadline, requirements and outcome are invented.
    call_page = client.get("/secretariado/convocatorias/convocatoria-stmga-2025/")
    assert "Datos de ejemplo." in parse(call_page).find("section", class_="notice--example").text


@pytest.mark.django_db
def test_the_demo_story_is_coherent_in_time():
    demo.load()
    for session in Session.objects.all():
        assert all(member.in_office_on(session.date) for member in session.attendance.all())
        if session.is_held:
            assert session.quorum().is_met, session
        for agreement in session.agreements.all():
            days = [f.date for f in agreement.follow_ups.all()]
            assert days and min(days) >= session.date, agreement
            assert agreement.published_at.date() >= session.date, agreement
        assert session.published_at.date() <= session.date, session
    # A report is presented to the Secretariado only after the round it reports on closed.
    steps = list(RouteMilestone.objects.in_route_order())
    rounds = [s for s in steps if s.title.endswith("corte semestral de avances")]
    reports = [s for s in steps if s.title.endswith("reporte semestral ante el Secretariado")]
    for round_, report in zip(rounds, reports, strict=False):
        assert report.start_date > round_.start_date
        assert report.session.date == report.start_date and report.session.is_held
    modification = Session.objects.get(slug=demo.MODIFICATION_SLUG)
    assert modification.is_held and modification.date == date(2026, 6, 12)
    assert modification.agreements.get().text.startswith("Se aprueba ampliar")


@pytest.mark.django_db
def test_the_call_records_who_joined_through_it():
    demo.load()
    call = Call.objects.get()
    joined = set(call.members_joined.values_list("name", flat=True))
    assert joined == set(
        Member.objects.filter(kind=Member.Kind.CITIZEN).values_list("name", flat=True)
    )
    assert len(joined) == 5
