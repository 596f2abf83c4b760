"""Attendance only from members in office; quorum from the voting members in office that day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from secretariat import services
from secretariat.models import Member, Session
from secretariat.quorum import Quorum

from .html import main_text, parse


@pytest.mark.parametrize(
    ("in_office", "present", "needed", "met"),
    [
        (0, 0, 1, False),
        (1, 1, 1, True),
        (4, 2, 3, False),
        (4, 3, 3, True),
        (5, 3, 3, True),
        (11, 5, 6, False),
        (11, 6, 6, True),
    ],
)
def test_the_quorum_is_a_simple_majority(in_office, present, needed, met):
    quorum = Quorum(in_office=in_office, present=present)
    assert (quorum.needed, quorum.is_met) == (needed, met)


def test_who_is_in_office_and_who_votes(cast):
    # Diego left on 31/01/2026, Elena on 30/06/2026; Carla is a guest (voice, no vote).
    for day in [
        date(2025, 4, 29),
        date(2025, 4, 30),
        date(2026, 1, 31),
        date(2026, 2, 1),
        date(2026, 7, 1),
    ]:
        expected = {m.name for m in Member.objects.all() if m.in_office_on(day)}
        assert set(Member.objects.in_office(day).values_list("name", flat=True)) == expected
    assert {m.name for m in Member.objects.in_office(date(2026, 2, 1))} == {
        "Ana Ejemplar Ruiz",
        "Beto Reservado Soto",
        "Carla Invitada Pérez",
        "Elena Concluida Vela",
    }
    assert not cast.carla.has_vote
    assert set(Member.objects.with_vote().values_list("name", flat=True)) == {
        m.name for m in Member.objects.all() if m.has_vote
    }


def held(day, **fields):
    values = {"kind": Session.Kind.ORDINARY, "number": 7, "date": day, "is_held": True}
    return Session(**(values | fields))


def errors(session, attendance):
    session.attendance_to_save = attendance
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    return caught.value.message_dict


def test_attendance_only_from_members_in_office(cast):
    session = held(date(2026, 3, 1))
    assert errors(session, [cast.ana, cast.beto, cast.diego]) == {
        "attendance": [
            "No estaban en funciones el 01/03/2026: Diego Anterior Luna. Quítalas de la "
            "asistencia o revisa su periodo."
        ]
    }


def test_a_held_session_without_quorum_must_say_why(cast):
    # On 01/03/2026 three members vote (Ana, Beto, Elena): two are needed.
    session = held(date(2026, 3, 1))
    assert errors(session, [cast.ana, cast.carla]) == {
        "held_without_quorum_note": [
            "Sin quórum: asistieron 1 de 3 integrantes con voto y se necesitan 2. Explica por "
            "qué se sesionó así o corrige la asistencia."
        ]
    }
    session.held_without_quorum_note = "Se sesionó para no perder el plazo del corte."
    services.save_session(session=session, attendance=[cast.ana, cast.carla])
    assert set(session.attendance.all()) == {cast.ana, cast.carla}
    # With quorum, no explanation is needed.
    services.save_session(
        session=held(date(2026, 3, 2), number=8), attendance=[cast.ana, cast.beto]
    )


def test_a_scheduled_session_needs_no_quorum_yet(cast):
    Session(kind=Session.Kind.ORDINARY, number=9, date=date(2026, 12, 11)).full_clean()


def test_changing_the_date_rechecks_the_stored_attendance(approval_session):
    approval_session.date = date(2026, 3, 1)  # Diego, present, had left by then
    with pytest.raises(ValidationError) as caught:
        approval_session.full_clean()
    assert "Diego Anterior Luna" in caught.value.message_dict["attendance"][0]


def test_a_failed_save_changes_nothing(cast):
    session = held(date(2026, 3, 1))
    with pytest.raises(ValidationError):
        services.save_session(session=session, attendance=[cast.diego])
    assert not Session.objects.exists()


def test_the_session_page_shows_the_quorum(client, approval_session, today):
    # 29/08/2025: Ana, Beto, Diego and Elena vote; Ana, Beto and Diego attended.
    text = main_text(client.get(approval_session.get_absolute_url()))
    assert "Con quórum" in text
    assert (
        "Asistieron 3 de las 4 personas con voto que estaban en funciones ese día; la mayoría "
        "simple era 3." in text
    )


def test_a_session_held_without_quorum_shows_why(client, cast, today):
    session = held(date(2026, 3, 1), held_without_quorum_note="Se sesionó por el plazo del corte.")
    services.save_session(session=session, attendance=[cast.ana])
    page = parse(client.get(session.get_absolute_url()))
    quorum = page.find("div", "quorum")
    assert "Sin quórum" in quorum.text
    assert "Por qué se sesionó sin quórum: Se sesionó por el plazo del corte." in " ".join(
        quorum.text.split()
    )


def test_a_scheduled_session_says_how_many_are_needed(client, cast, scheduled_session, today):
    text = main_text(client.get(scheduled_session.get_absolute_url()))
    # On 11/12/2026 only Ana and Beto (voting) are in office.
    assert "son 2, así que deben asistir al menos 2." in text


# The admin: the picker offers only who was in office; the errors come back on the form.


def test_the_admin_picker_offers_only_members_in_office(admin_client, cast, sectors):
    session = Session.objects.create(kind=Session.Kind.ORDINARY, number=1, date=date(2026, 3, 1))
    page = parse(admin_client.get(f"/admin/secretariat/session/{session.pk}/change/"))
    options = {o.text for o in page.find("select", name="attendance").find_all("option")}
    assert options == {
        "Ana Ejemplar Ruiz (Ciudadanía)",
        "Beto Reservado Soto (Gobierno)",
        "Carla Invitada Pérez (Académico)",
        "Elena Concluida Vela (Gobierno)",
    }


def session_form(session, **changes):
    data = {
        "kind": session.kind,
        "number": session.number,
        "date": session.date.strftime("%d/%m/%Y"),
        "place": "",
        "is_held": "on",
        "slug": session.slug,
        "summary": "",
        "held_without_quorum_note": "",
        **{
            f"{prefix}-{key}": value
            for prefix in ("agenda_items", "agreements")
            for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        },
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_the_admin_refuses_held_without_quorum_and_explains(admin_client, cast):
    session = Session.objects.create(kind=Session.Kind.ORDINARY, number=1, date=date(2026, 3, 1))
    url = f"/admin/secretariat/session/{session.pk}/change/"
    response = admin_client.post(url, session_form(session, attendance=[cast.ana.pk]))
    assert response.status_code == 200
    assert "Sin quórum: asistieron 1 de 3 integrantes con voto" in response.content.decode()
    assert "Corrige el error que se indica abajo." in response.content.decode()
    session.refresh_from_db()
    assert not session.is_held
    response = admin_client.post(
        url,
        session_form(
            session, attendance=[cast.ana.pk], held_without_quorum_note="Por el plazo del corte."
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_held and list(session.attendance.all()) == [cast.ana]


def test_the_admin_message_after_saving_reads_well(admin_client, cast):
    session = Session.objects.create(kind=Session.Kind.ORDINARY, number=1, date=date(2026, 3, 1))
    response = admin_client.post(
        f"/admin/secretariat/session/{session.pk}/change/",
        session_form(session, attendance=[cast.ana.pk, cast.beto.pk]),
        follow=True,
    )
    html = response.content.decode()
    assert "Se guardaron los cambios de" in html and "(sesión)." in html
    assert "El sesión" not in html
