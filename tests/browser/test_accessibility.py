"""axe-core on every public page type, plus phone and desktop screenshots to look at."""

from tests.browser.conftest import axe_violations

PAGES = {
    "inicio": "/",
    "tablero": "/tablero/",
    "tablero-filtrado": "/tablero/?estado=atrasado&eje=datos-abiertos&fecha=2026-06-30",
    "eje": "/ejes/datos-abiertos/",
    "dependencia": "/dependencias/dpc-direccion-de-participacion-ciudadana/",
    "organizacion": "/organizaciones/observatorio-ciudadano-de-leon-ejemplo/",
    "secretariado": "/secretariado/",
    "sesion": "/secretariado/sesiones/2a-sesion-ordinaria-2025/",
    "convocatoria": "/secretariado/convocatorias/convocatoria-stmga-2025/",
    "acuerdos": "/secretariado/acuerdos/",
    "acuerdos-vencidos": "/secretariado/acuerdos/?vencidos=on&estado=pendiente",
    "ruta": "/ruta/",
    "datos-abiertos": "/datos/",
    "no-encontrada": "/no-existe/",
}
BLOCKING = {"serious", "critical"}


def test_public_pages_have_no_serious_accessibility_violations(site, page, screenshot):
    blocking = []
    for name, path in PAGES.items():
        response = page.goto(f"{site}{path}")
        assert response.status == (404 if name == "no-encontrada" else 200), path
        assert page.locator("h1").count() == 1, path
        for violation in axe_violations(page):
            line = f"{path}: [{violation['impact']}] {violation['id']}: {violation['help']}"
            print(line)
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"]]
                blocking.append(f"{line} {targets}")
        screenshot(name)
    assert not blocking, "\n".join(blocking)
