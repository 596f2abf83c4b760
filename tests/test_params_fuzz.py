"""Every query parameter of every public page takes any string without a 500."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.models import Commitment
from core.params import PARAMETERS
from secretariat.models import Call, Session
from tests.conftest import examples

pytestmark = pytest.mark.usefixtures("frozen_today")

ODD_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["²", "³", "①", "٣", "9" * 4301, "0" * 5000 + "1", "-1", "1e9", "2026-02-30"]),
    st.text(alphabet="0123456789-/. ", max_size=12),
    st.dates().map(lambda day: day.isoformat()),
    st.text(min_size=2000, max_size=9000, alphabet="xy%&="),
)


def public_pages():
    """(URL, URL name) of one page of each kind, from the demo data."""
    commitment = Commitment.objects.get(code="DA-01")
    return [
        ("/", "home"),
        ("/tablero/", "board"),
        ("/ejes/datos-abiertos/", "axis"),
        ("/dependencias/dpc-direccion-de-participacion-ciudadana/", "unit"),
        ("/organizaciones/observatorio-ciudadano-de-leon-ejemplo/", "organization"),
        (commitment.get_absolute_url(), "commitment"),
        (commitment.get_absolute_url() + "version-original/", "commitment_original"),
        ("/secretariado/", "secretariat:index"),
        (Session.objects.first().get_absolute_url(), "secretariat:session"),
        (Call.objects.first().get_absolute_url(), "secretariat:call"),
        ("/ruta/", "secretariat:route"),
        ("/aviso-de-privacidad/", "privacy"),
        ("/accesibilidad/", "accessibility"),
        ("/datos/", "open_data"),
    ]


@pytest.mark.django_db
def test_every_public_page_survives_any_parameter_value(client, demo):
    for url, name in public_pages():
        known = [*PARAMETERS.get(name, ()), "x"]
        queries = st.dictionaries(st.sampled_from(known), ODD_VALUES, max_size=4)
        fragment = st.booleans()
        check_page(client, url, queries, fragment)


def check_page(client, url, queries, fragment):
    # A page without an original version is a 404 with or without parameters.
    expected = client.get(url).status_code

    @settings(
        max_examples=examples(40),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=queries, htmx=fragment)
    def visit(query, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(f"{url}?{urlencode(query)}", headers=headers)
        if response.status_code == 302:
            # Empty fields (a form sent without JavaScript) lead to the canonical address,
            # which never has one: it answers as the page itself does.
            assert any(not v.strip() for v in query.values()), (url, query)
            assert "=&" not in response.url and not response.url.endswith("="), response.url
            response = client.get(response.url, headers=headers)
        assert response.status_code == expected, (url, query, response.status_code)

    visit()
