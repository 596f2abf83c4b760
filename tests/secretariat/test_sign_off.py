"""Civil society's sign-off of each progress report (issue 31): only citizens and permanent
guests in office, in their own name, once per round, corrected with a reason; shown on the
round's page, in the round's PDF and, summed up, on the board."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from core import clock
from secretariat import reader, services
from secretariat.models import SignOff
from tests.commitments import builders
from tests.reports.conftest import download, pdf_of

from .html import main_text, parse

OP = SignOff.Opinion
CLOSED = date(2026, 9, 30)


@pytest.fixture
def round_(plan, cast, today):
    """Round 2 of the plan, closed on 30/09/2026; Ana (citizen) and Carla (permanent guest)
    have accounts, and so does Beto (an official)."""
    for member, name in ((cast.ana, "ana"), (cast.carla, "carla"), (cast.beto, "beto")):
        member.user = User.objects.create_user(name, password="clave-larga-de-prueba")
        services.save(instance=member)
    return builders.add_round(plan, 2, date(2026, 8, 31), deadline=CLOSED)


def sign(member, opinion=OP.AGREE, text="", day=date(2026, 10, 5), round_=None):
    with clock.moment(day):
        return services.sign_off(
            round=round_, member=member, opinion=opinion, text=text, by=member.user
        )


def test_only_civil_society_in_office_signs_once_in_its_own_name(round_, cast):
    sign(cast.ana, OP.AGREE_WITH_REMARKS, "Faltan evidencias de dos hitos.", round_=round_)
    with pytest.raises(ValidationError, match="Ya firmaste el informe de este corte"):
        sign(cast.ana, OP.AGREE, round_=round_)
    with pytest.raises(ValidationError, match="el gobierno no firma por la sociedad civil"):
        sign(cast.beto, round_=round_)
    refusal = pytest.raises(ValidationError, match="Solo firman las personas en funciones")
    with refusal, clock.moment(date(2026, 10, 5)):
        services.sign_off(round=round_, member=cast.diego, opinion=OP.AGREE)
    refusal = pytest.raises(ValidationError, match="nadie firma por otra")
    with refusal, clock.moment(date(2026, 10, 5)):
        services.sign_off(round=round_, member=cast.carla, opinion=OP.AGREE, by=cast.ana.user)
    with pytest.raises(ValidationError, match="aún no cierra"):
        sign(cast.carla, round_=round_, day=CLOSED)
    assert SignOff.objects.count() == 1


def test_a_correction_keeps_the_first_and_needs_a_reason(round_, cast):
    first = sign(cast.carla, OP.AGREE, round_=round_)
    with clock.moment(date(2026, 10, 9)), pytest.raises(ValidationError, match="motivo"):
        services.correct_sign_off(
            sign_off=first, opinion=OP.DISAGREE, reason=" ", by=cast.carla.user
        )
    with clock.moment(date(2026, 10, 9)):
        services.correct_sign_off(
            sign_off=first,
            opinion=OP.DISAGREE,
            text="El avance de PP-02 no coincide con lo visto en campo.",
            reason="Revisé las evidencias después de firmar.",
            by=cast.carla.user,
        )
    assert SignOff.objects.filter(member=cast.carla).count() == 2
    before = reader.sign_offs_on(round_, date(2026, 10, 8))
    after = reader.sign_offs_on(round_, date(2026, 10, 9))
    assert [(s.member, s.opinion) for s in before.signed] == [("Carla Invitada Pérez", OP.AGREE)]
    assert [(s.opinion, s.correction_reason) for s in after.signed] == [
        (OP.DISAGREE, "Revisé las evidencias después de firmar.")
    ]
    assert after.pending == ["Ana Ejemplar Ruiz"]


def test_the_member_signs_on_their_own_page(client, round_, cast):
    assert client.get("/secretariado/firmar/").status_code == 302  # log in first
    client.force_login(cast.ana.user)
    page = main_text(client.get("/secretariado/firmar/"))
    assert "Firmas en tu nombre: Ana Ejemplar Ruiz." in page
    response = client.post(
        "/secretariado/firmar/",
        {"round": round_.pk, "opinion": OP.AGREE_WITH_REMARKS, "text": "Bien, con pendientes."},
        follow=True,
    )
    assert "Tu opinión quedó registrada y publicada." in main_text(response)
    assert SignOff.objects.get().member == cast.ana
    # An official's account cannot sign for civil society.
    client.force_login(cast.beto.user)
    refused = client.post(
        "/secretariado/firmar/", {"round": round_.pk, "opinion": OP.AGREE}, follow=True
    )
    assert "el gobierno no firma por la sociedad civil" in main_text(refused)


def test_the_round_page_and_the_board_show_the_sign_offs(client, round_, cast, commitment):
    sign(cast.ana, OP.AGREE_WITH_REMARKS, "Faltan evidencias de dos hitos.", round_=round_)
    sign(cast.carla, OP.DISAGREE, "No coincide con lo visto.", round_=round_)
    page = parse(client.get("/secretariado/cortes/2/"))
    section = " ".join(page.find("section", "sign-offs").text.split())
    assert "Ana Ejemplar Ruiz Ciudadano/a De acuerdo con observaciones" in section
    assert "Faltan evidencias de dos hitos." in section
    assert "Carla Invitada Pérez Invitado/a permanente En desacuerdo" in section
    assert page.find("a", href="/reportes/corte/2.pdf")
    # Before they signed, nobody had.
    earlier = main_text(client.get("/secretariado/cortes/2/?fecha=2026-10-01"))
    assert "Nadie de la sociedad civil ha firmado todavía." in earlier
    board = " ".join(parse(client.get("/tablero/")).find("p", "sign-off-summary").text.split())
    assert board == (
        "Opinión de la sociedad civil sobre el corte 2: De acuerdo 0 · "
        "De acuerdo con observaciones 1 · En desacuerdo 1."
    )


def test_the_round_pdf_shows_the_sign_offs_next_to_the_report(
    client, round_, cast, commitment, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign(cast.ana, OP.AGREE_WITH_REMARKS, "Faltan evidencias de dos hitos.", round_=round_)
    _reader, text = pdf_of(download(client, "/reportes/corte/2.pdf"))
    assert "Informe de avance al cierre del corte 2" in text
    assert "La opinión de la sociedad civil" in text
    assert "Ana Ejemplar Ruiz" in text and "De acuerdo con observaciones" in text
    assert "Faltan evidencias de dos hitos." in text
