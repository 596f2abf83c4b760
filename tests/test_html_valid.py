"""Every type of public page, in Spanish and in English, is valid HTML for the W3C Nu
checker (issue 32): checked in one batch (vnu starts a JVM once for all of them), with a
broken page beside them to show that the checker does see errors."""

import pytest
from django.urls import reverse

from commitments.models import Axis, Commitment, ReportingRound, ResponsibleUnit
from participation.models import Proposal
from secretariat.models import Call, Session
from tests import vnu

# Runs with SQLite only (CI's second pass skips `once`): the markup does not depend on the
# database, and the JVM is slow to start.
pytestmark = [pytest.mark.once, pytest.mark.usefixtures("frozen_today")]

BROKEN = (
    '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Rota</title></head>'
    '<body><form hx-get="/tablero/"><p>Sin cerrar</form></body></html>'
)


def public_pages(plan):
    commitment = Commitment.objects.filter(plan=plan, code="DA-01").get()
    session = Session.objects.filter(is_held=True).order_by("date").first()
    ask = reverse("engagement:ask", args=[commitment.slug])
    return {
        "inicio": "/",
        "tablero": "/tablero/",
        "tablero-filtrado": "/tablero/?q=datos&estado=atrasado&estado=en_tiempo&orden=avance",
        "tablero-antes-del-plan": "/tablero/?fecha=2024-01-01",
        "compromiso": commitment.get_absolute_url(),
        "compromiso-fecha": f"{commitment.get_absolute_url()}?fecha=2026-06-30",
        # PP-02 is the demo's modified commitment: it has an original version to show.
        "version-original": reverse(
            "commitment_original", args=[Commitment.objects.get(plan=plan, code="PP-02").slug]
        ),
        "eje": reverse("axis", args=[Axis.objects.filter(plan=plan).first().slug]),
        "dependencia": reverse("unit", args=[ResponsibleUnit.objects.first().slug]),
        "cambios": "/cambios/",
        "cambios-filtrados": f"/cambios/?compromiso={commitment.code}",
        "como-se-calcula": "/como-se-calcula/",
        "datos": "/datos/",
        "participacion": "/participacion/",
        "propuestas": "/participacion/propuestas/",
        "propuesta": reverse("participation:proposal", args=[Proposal.objects.first().pk]),
        "secretariado": "/secretariado/",
        "acuerdos": "/secretariado/acuerdos/",
        "acuerdos-filtrados": "/secretariado/acuerdos/?vencidos=on",
        "obligaciones": "/secretariado/obligaciones/",
        "sesion": reverse("secretariat:session", args=[session.slug]),
        "convocatoria": reverse("secretariat:call", args=[Call.objects.first().slug]),
        "corte": reverse(
            "secretariat:round", args=[ReportingRound.objects.filter(plan=plan).first().number]
        ),
        "ruta": "/ruta/",
        "entrar": "/secretariado/entrar/",
        "preguntar": ask,
        "seguir": reverse("engagement:follow", args=[commitment.slug]),
        "api": "/api/",
        "insertar": "/insertar/tablero/",
        "accesibilidad": "/accesibilidad/",
        "privacidad": "/aviso-de-privacidad/",
        "no-encontrada": "/no-existe/",
    }


def test_every_public_page_type_is_valid_html(client, demo, tmp_path):
    files = []
    pages = public_pages(demo)
    # The English version of every page type too, under /en/.
    both = {**pages, **{f"en-{name}": f"/en{url}" for name, url in pages.items()}}
    for name, url in both.items():
        response = client.get(url)
        assert response.status_code == (404 if name.endswith("no-encontrada") else 200), url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    # A form sent with mistakes: its error messages and their links to the fields.
    refused = client.post(pages["preguntar"], {"text": ""})
    files.append(tmp_path / "preguntar-con-errores.html")
    files[-1].write_bytes(refused.content)
    (tmp_path / "rota.html").write_text(BROKEN)

    found = vnu.errors([*files, tmp_path / "rota.html"])

    broken = [message for name, _line, message in found if name == "rota.html"]
    assert any("hx-get" in message for message in broken), broken
    assert [
        f"{name}:{line}: {message}" for name, line, message in found if name != "rota.html"
    ] == []
