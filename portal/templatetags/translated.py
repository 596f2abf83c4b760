"""Print texts staff write (Spanish, maybe with English) so the language of each is known.

- `{{ row.title|translated }}`: the text, inside `<span lang="es">` when the page is in
  English and the text fell back to Spanish (screen readers switch voice; the site's i18n
  test leaves such elements out).
- `<dd{{ text|lang_attr }}>{{ text|linebreaks }}</dd>`: the same mark as an attribute of the
  element that holds a longer text.
- `{{ axis|text_of:"name" }}`: a model's text and its English (`name_en`) as a page shows
  it, for templates given a model rather than a reader's value; then one of the above.

Readers already give `core.translated.Text` values; a plain `str` counts as Spanish, and an
object (a unit's reference) as the language of its name.
"""

from django import template
from django.utils.html import conditional_escape, format_html

from core.translated import Text, foreign_language, pick

register = template.Library()


def _text(value):
    if value is None:
        return Text("")
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    return Text(str(value), getattr(name, "lang", Text.lang))


@register.filter
def translated(value):
    text = _text(value)
    lang = foreign_language(text)
    if not lang or not text:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', lang, text)


@register.filter
def lang_attr(value):
    lang = foreign_language(_text(value))
    return format_html(' lang="{}"', lang) if lang else ""


@register.filter
def text_of(obj, name):
    if obj is None:
        return Text("")
    value = getattr(obj, name, "")
    if isinstance(value, Text):
        return value
    return pick(value, getattr(obj, f"{name}_en", ""))
