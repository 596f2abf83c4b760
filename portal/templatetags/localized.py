"""Language-dependent formatting for templates (core/l10n.py): `{% html_lang %}` and
`{{ value|percent }}`."""

from django import template

from core import l10n

register = template.Library()


@register.simple_tag
def html_lang():
    """The active language as HTML's `lang` writes it; needs no request (the 500 page)."""
    return l10n.html_lang()


@register.filter
def percent(value, decimals=0):
    """`value` (a number or formatted text) with its percent sign, as the language writes it."""
    return l10n.percent(value, int(decimals))
