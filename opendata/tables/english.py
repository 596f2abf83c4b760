"""The English columns of the plan's tables (`*_en`), after their Spanish ones.

Each gives the English staff wrote for a text of the row, or nothing where there is none or
it translates other Spanish than the row's (`commitments.reader.english.EnglishOf`).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from opendata.tables import english_column


def _none_yet(what):
    # Lazy, like every description: the dictionary on the English site translates it.
    return format_lazy(_("{what} en inglés; vacío si no tiene traducción."), what=what)


def _commitment(name, what, spanish, text):
    return english_column(name, _none_yet(what), spanish, "commitment", lambda c: c.row.pk, text)


COMMITMENTS = (
    _commitment("accion_en", _("La acción"), lambda c: c.row.title, "title"),
    _commitment("descripcion_en", _("La descripción"), lambda c: c.row.description, "description"),
    _commitment("meta_en", _("La meta"), lambda c: c.content.goal, "goal"),
    english_column(
        "eje_en",
        _none_yet(_("El eje")),
        lambda c: c.row.axis.name,
        "axis",
        lambda c: c.row.axis.pk,
        "name",
    ),
    english_column(
        "objetivo_en",
        _none_yet(_("El objetivo")),
        lambda c: c.row.objective.name,
        "objective",
        lambda c: c.row.objective.pk,
        "title",
    ),
    english_column(
        "dependencia_responsable_en",
        _none_yet(_("El nombre de la dependencia responsable")),
        lambda c: c.row.unit.name,
        "unit",
        lambda c: c.row.unit.pk,
        "name",
    ),
)

INDICATORS = tuple(
    english_column(name, _none_yet(what), spanish, "indicator", lambda i: i.item.id, text)
    for name, what, spanish, text in (
        ("nombre_en", _("El nombre del indicador"), lambda i: i.item.name, "name"),
        ("unidad_de_medida_en", _("La unidad de medida"), lambda i: i.item.unit, "unit"),
    )
)

MILESTONES = tuple(
    english_column(name, _none_yet(what), spanish, "milestone", lambda m: m.view.pk, text)
    for name, what, spanish, text in (
        ("titulo_en", _("El hito"), lambda m: m.view.title, "title"),
        (
            "producto_esperado_en",
            _("El producto esperado"),
            lambda m: m.view.deliverable,
            "deliverable",
        ),
    )
)
