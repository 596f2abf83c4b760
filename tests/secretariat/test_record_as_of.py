"""The Secretariado's record at any date (issue 31): members in office, sessions announced
and held, signed minutes published, agreements with their status and overdue, each as public at
the end of the day asked for; and writes after that day never change what it showed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments import services as plan_services
from core import clock
from secretariat import reader, services
from secretariat.models import Agreement, AgreementFollowUp, Session
from tests.conftest import examples

from .html import main_text, parse

S = Agreement.Status


def statuses(day):
    return [(a.code, a.status, a.is_overdue) for a in reader.agreements_on(day)]


def test_the_agreement_status_on_each_day(story):
    _session, agreement = story
    assert statuses(date(2026, 2, 19)) == []  # not recorded yet
    assert statuses(date(2026, 2, 20)) == [(agreement.code, S.PENDING, False)]
    assert statuses(date(2026, 4, 15)) == [(agreement.code, S.IN_PROGRESS, False)]
    # Due 31/05 and still in progress: overdue on 01/06; fulfilled on 10/06.
    assert statuses(date(2026, 6, 1)) == [(agreement.code, S.IN_PROGRESS, True)]
    assert statuses(date(2026, 6, 10)) == [(agreement.code, S.FULFILLED, False)]


def test_a_late_follow_up_changes_the_past_only_from_when_it_was_published(story):
    # On 10/05 the public saw the follow-up of 15/04; the one about 01/05 came on 20/07.
    before = reader.agreements_on(date(2026, 5, 10))[0]
    assert [f.note for f in before.follow_ups] == ["", "Borrador del calendario."]
    after = reader.agreements_on(date(2026, 7, 20))[0]
    assert [f.date for f in after.follow_ups] == [
        date(2026, 2, 20),
        date(2026, 4, 15),
        date(2026, 5, 1),
        date(2026, 6, 10),
    ]
    assert after.status == S.FULFILLED


def test_a_correction_is_a_new_row_with_its_reason_once(story):
    _session, agreement = story
    fulfilled = agreement.follow_ups.get(agreement_status=S.FULFILLED)
    with clock.moment(date(2026, 8, 1)):
        plan_services.correct(fact=fulfilled, reason="Faltaba la evidencia.", note="Con enlace.")
        with pytest.raises(ValidationError, match="Ya tiene una corrección"):
            plan_services.correct(fact=fulfilled, reason="Otra vez.", note="x")
    assert AgreementFollowUp.objects.filter(supersedes=fulfilled).count() == 1
    latest = reader.agreements_on(date(2026, 8, 1))[0].latest
    assert (latest.note, latest.correction_reason) == ("Con enlace.", "Faltaba la evidencia.")
    # Before the correction the public saw the original.
    assert reader.agreements_on(date(2026, 7, 31))[0].latest.note == "Calendario publicado."


def test_members_in_office_on_a_day(story):
    names = lambda day: [m.name for m in reader.members_on(day).current]  # noqa: E731
    assert "Elena Concluida Vela" in names(date(2026, 6, 30))
    assert "Elena Concluida Vela" not in names(date(2026, 7, 1))
    assert "Elena Concluida Vela" in [m.name for m in reader.members_on(date(2026, 7, 1)).former]


@pytest.mark.parametrize(
    ("fecha", "expected", "absent"),
    [
        ("2026-02-05", ["Todavía no hay sesiones registradas."], ["1ª Sesión Ordinaria"]),
        ("2026-02-10", ["1ª Sesión Ordinaria", "Programada"], ["Celebrada", "1 acuerdo"]),
        ("2026-03-01", ["Celebrada", "1 acuerdo", "1 pendiente"], []),
        ("2026-06-01", ["1 en proceso", "1 vencido", "había 4 personas"], []),
        ("2026-07-01", ["había 3 personas", "1 cumplido"], []),
    ],
)
def test_the_index_at_a_date_shows_what_was_public_then(client, story, fecha, expected, absent):
    text = main_text(client.get(f"/secretariado/?fecha={fecha}"))
    for phrase in expected:
        assert phrase in text, phrase
    for phrase in absent:
        assert phrase not in text, phrase


def test_the_session_page_at_a_date(client, story):
    session, _agreement = story
    url = session.get_absolute_url()
    not_yet = main_text(client.get(f"{url}?fecha=2026-02-01"))
    assert "Esta sesión aún no se había anunciado el 1 de febrero de 2026" in not_yet
    announced = main_text(client.get(f"{url}?fecha=2026-02-10"))
    assert "Programada" in announced and "Los acuerdos se publicarán" in announced
    held = parse(client.get(f"{url}?fecha=2026-02-25"))
    assert "El acta firmada se publicará cuando esté firmada." in held.text
    assert "Estás viendo esta sesión al 25 de febrero de 2026." in held.text
    minutes = " ".join(parse(client.get(f"{url}?fecha=2026-03-02")).text.split())
    assert "Descargar el acta firmada" in minutes and "publicada el 2 de marzo de 2026" in minutes


def test_the_agreements_list_at_a_date_keeps_the_date_in_its_links(client, story):
    page = parse(client.get("/secretariado/acuerdos/?fecha=2026-06-01&vencidos=on"))
    assert [a.text for a in page.find_all("a", "code")] == ["STMGA-2026-01-01"]
    assert page.find("input", name="fecha").attrs["value"] == "2026-06-01"
    assert "fecha=2026-06-01" in page.find("a", "code").attrs["href"]
    later = parse(client.get("/secretariado/acuerdos/?fecha=2026-06-10&vencidos=on"))
    assert later.find_all("a", "code") == []


# --- Writes after a day never change what it showed ----------------------------------------

FIRST_DAY = date(2026, 1, 5)
SPAN = 300
KINDS = ["announce", "hold", "minutes", "agreement", "follow", "follow_late", "correct"]


class Rollback(Exception):
    pass


writes = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, SPAN), st.integers(0, 2)),
    min_size=1,
    max_size=10,
)


def apply(kind, day, value, cast):
    """One write at noon of `day`; what the services refuse is skipped."""
    session = Session.objects.order_by("pk").first()
    agreement = Agreement.objects.order_by("pk").first()
    with clock.moment(day):
        try:
            if kind == "announce" and session is None:
                services.save_session(
                    session=Session(
                        kind=Session.Kind.ORDINARY, number=1, date=day + timedelta(days=10)
                    ),
                    attendance=[],
                )
            elif kind == "hold" and session is not None and session.date <= day:
                session.is_held = True
                voters = (cast.ana, cast.beto, cast.diego, cast.elena)
                present = [m for m in voters if m.in_office_on(session.date)]
                services.save_session(session=session, attendance=present)
            elif kind == "minutes" and session is not None and session.is_held:
                session.minutes.save("a.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 900), False)
                services.save(instance=session)
            elif kind == "agreement" and session is not None and session.date <= day:
                services.save(
                    instance=Agreement(
                        session=session,
                        code=f"A-{Agreement.objects.count()}",
                        text="x",
                        due_date=session.date + timedelta(days=30 * value),
                    )
                )
            elif kind in ("follow", "follow_late") and agreement is not None:
                about = (
                    day if kind == "follow" else max(agreement.session.date, day - timedelta(40))
                )
                services.record_follow_up(agreement=agreement, status=S.values[value], date=about)
            elif kind == "correct":
                latest = AgreementFollowUp.objects.public_at(day).order_by("-pk").first()
                if latest is not None:
                    plan_services.correct(
                        fact=latest, reason="Error.", agreement_status=S.values[value]
                    )
        except ValidationError:
            return


def seen(day):
    return (
        reader.sessions_on(day),
        [(a.code, a.status, a.is_overdue, a.follow_ups) for a in reader.agreements_on(day)],
        reader.obligations_on(day),
    )


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=writes, cut=st.integers(0, SPAN))
def test_writes_after_a_day_never_change_what_it_showed(cast, edits, cut, tmp_path_factory):
    day = FIRST_DAY + timedelta(days=cut)
    edits = sorted(edits, key=lambda edit: edit[1])
    media = tmp_path_factory.mktemp("media")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.MEDIA_ROOT", media)
        try:
            with transaction.atomic():
                for kind, offset, value in edits:
                    if FIRST_DAY + timedelta(days=offset) <= day:
                        apply(kind, FIRST_DAY + timedelta(days=offset), value, cast)
                before = seen(day)
                for kind, offset, value in edits:
                    if FIRST_DAY + timedelta(days=offset) > day:
                        apply(kind, FIRST_DAY + timedelta(days=offset), value, cast)
                assert seen(day) == before
                raise Rollback  # each example starts from the cast alone
        except Rollback:
            pass
