"""/ruta/: the route as an ordered timeline, today's position and what comes next."""

from .html import parse

URL = "/ruta/"


def steps(page):
    return page.find("ol", "timeline").find_all("li")


def test_done_and_planned_steps_look_and_read_differently(client, today, route):
    page = parse(client.get(URL))
    by_title = {li.find("h3").text: li for li in page.find_all("li", "timeline__step")}
    done = by_title["Mesas de cocreación"]
    planned = by_title["Tercer corte semestral"]
    assert "timeline__step--done" in done.classes
    assert "timeline__step--planned" in planned.classes
    assert done.find("span", "status").text == "Concluida"
    assert "status--done" in done.find("span", "status").classes
    assert planned.find("span", "status").text == "Programada"
    assert "status--planned" in planned.find("span", "status").classes
    assert "Fecha prevista:" in planned.text and "Fecha prevista:" not in done.text
    times = done.find_all("time")
    assert [t.attrs["datetime"] for t in times] == ["2025-06-09", "2025-06-12"]
    assert "9 al 12 de junio de 2025" in done.text


def test_the_current_step_and_today_marker(client, today, route):
    page = parse(client.get(URL))
    items = steps(page)
    current = [li for li in items if li.attrs.get("aria-current") == "step"]
    assert [li.find("h3").text for li in current] == ["Revisión de medio término"]
    assert "Etapa actual" in current[0].text
    # "Hoy" sits right before the first step that starts after today.
    labels = ["HOY" if "timeline__today" in li.classes else li.find("h3").text for li in items]
    assert labels.index("HOY") == labels.index("Presentación de la revisión") - 1
    today_marker = items[labels.index("HOY")]
    assert today_marker.text == "Hoy, 25 de noviembre de 2026"
    assert today_marker.find("time").attrs["datetime"] == "2026-11-25"
    summary = page.find("div", "route-summary").text
    assert "Etapas concluidas: 2 de 8." in summary
    assert "Etapa actual: Revisión de medio término" in summary


def test_when_every_step_has_started_today_goes_last(client, today, route):
    for step in [route.presentation, route.final, route.third_cut]:
        step.delete()
    items = steps(parse(client.get(URL)))
    assert "timeline__today" in items[-1].classes


def test_whats_next_lists_the_next_planned_steps_by_date(client, today, route):
    section = parse(client.get(URL)).find("section", aria_labelledby="que-sigue")
    assert section.find("h2").text == "¿Qué sigue?"
    entries = section.find("ol", "next-steps").find_all("li")
    # By date, not by the route's order (the final self-assessment is listed before the third
    # cut on the timeline); done steps and the in-progress review are left out; three at most.
    assert [li.find("a").text for li in entries] == [
        "Corte atrasado sin iniciar",
        "Presentación de la revisión",
        "Tercer corte semestral",
    ]
    assert entries[1].find("a").attrs["href"] == f"#etapa-{route.presentation.pk}"
    assert entries[2].find("time").attrs["datetime"] == "2027-01-29"


def test_whats_next_when_nothing_is_left(client, today, route):
    from secretariat.models import RouteMilestone

    RouteMilestone.objects.exclude(pk=route.call.pk).delete()
    section = parse(client.get(URL)).find("section", aria_labelledby="que-sigue")
    assert "No hay más etapas programadas por ahora." in section.text


def test_steps_link_to_their_session_and_documents(client, today, route, approval_session, call):
    route.cocreation.session = approval_session
    route.cocreation.document_url = "https://example.org/informe.pdf"
    route.cocreation.save()
    route.call.call = call
    route.call.save()
    page = parse(client.get(URL))
    links = {a.attrs["href"]: a.text for a in page.find("ol", "timeline").find_all("a")}
    assert links["/secretariado/sesiones/2a-sesion-ordinaria-2025/"] == (
        "Ver la 2ª Sesión Ordinaria"
    )
    assert links["https://example.org/informe.pdf"] == (
        "Consultar el documento: Mesas de cocreación"
    )
    assert links["/secretariado/convocatorias/convocatoria-2025/"] == call.title


def test_empty_route(client, today, db):
    page = parse(client.get(URL))
    assert "La ruta todavía no se ha publicado." in page.find("main").text
    assert not page.find_all("ol", "timeline")
