"""Every report is a tagged PDF (PDF/UA-1): a structure tree with real table headers, the
document language and a title the reader's window shows. No veraPDF here (shared/STACK.md):
the structure is read back with pikepdf."""

import io
from collections import Counter

import pikepdf
import pytest

from tests.reports.conftest import download

# PDF rendering: the same on any database, run once in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.once]


def structure(node, seen):
    """Counts of the structure types under `node`, and of TH cells inside a THead."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            structure(child, seen)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        seen[str(node.S)] += 1
        if str(node.S) == "/THead":
            seen["TH in THead"] += sum(1 for row in _kids(node) for c in _kids(row) if c.S == "/TH")
        if "/K" in node:
            structure(node.K, seen)
    return seen


def _kids(node):
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (
            "/reportes/plan-de-accion-2025-2027.pdf",
            "Plan de Acción Municipal de Gobierno Abierto 2025-2027",
        ),
        ("/reportes/avance/2026-11-25.pdf", "Informe de avance al 25 de noviembre de 2026"),
    ],
)
def test_reports_are_tagged_with_language_title_and_table_headers(client, tracked, url, title):
    response = download(client, url)
    body = b"".join(response.streaming_content)
    with pikepdf.open(io.BytesIO(body)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "es-MX"
        assert str(pdf.docinfo.Title) == title
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        seen = structure(root.StructTreeRoot.K, Counter())
    assert seen["/Document"] == 1 and seen["/H1"] == 1
    assert seen["/Table"] >= 1 and seen["TH in THead"] >= seen["/Table"]
    assert seen["/TD"] > 0
