"""Reading one cell: headers and names compared loosely, dates and numbers as people type them.

Each parser returns the value or raises `BadValue` with what is wrong, in Spanish; the
importer adds the row, the column and the cell as the person typed it.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext as _

# What an export prefixes to a cell a spreadsheet would run (see `export.neutralise`).
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def quoted(name):
    """A name or a value as a sentence quotes it, with the marks of the language read."""
    # Translators: the quotation marks around a name or a value inside a sentence.
    return _("«%(name)s»") % {"name": name}


class BadValue(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def text(value):
    """A cell as text: trimmed, and without the apostrophe an export put before =, +, -…"""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    result = str(value).strip()
    if result.startswith("'") and result[1:2] and result[1] in "=+-@\t\r":
        result = result[1:]
    return result


def name_key(value):
    """A name compared loosely: no accents, case or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text(value).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


def key(value):
    """A header or a choice compared more loosely still: punctuation ignored too."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name_key(value)).split())


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    typed = text(value)
    if match := _DAY_FIRST.match(typed):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(typed):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise BadValue(_("no es una fecha válida (escríbela como DD/MM/AAAA o AAAA-MM-DD)"))
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(_("no es una fecha válida")) from None


_TWO_PLACES = Decimal("0.01")


def parse_number(value):
    """A number with a decimal point or comma, thousands separators and an optional %."""
    if isinstance(value, bool):
        raise BadValue(_("no es un número"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        # Binary floats (0.1 + 0.2) carry noise past the cents the cell shows.
        rounded = number.quantize(_TWO_PLACES)
        return rounded if abs(number - rounded) < Decimal("1e-9") else number
    typed = text(value).replace("\u00a0", "").replace(" ", "").replace("'", "")
    typed = typed.removesuffix("%")
    if "," in typed and "." in typed:
        thousands = "," if typed.rfind(",") < typed.rfind(".") else "."
        typed = typed.replace(thousands, "")
    elif typed.count(",") > 1 or re.fullmatch(r"[+-]?\d{1,3},\d{3}", typed):
        typed = typed.replace(",", "")
    elif typed.count(".") > 1:
        typed = typed.replace(".", "")
    typed = typed.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", typed):
        raise BadValue(_("no es un número"))
    try:
        return Decimal(typed)
    except InvalidOperation:
        raise BadValue(_("no es un número")) from None


def parse_decimal(value):
    """A value stored with two decimals (baselines, targets, values, weights)."""
    number = parse_number(value)
    if number != number.quantize(_TWO_PLACES):
        raise BadValue(_("tiene más de dos decimales"))
    if abs(number) >= Decimal("1e12"):
        raise BadValue(_("es demasiado grande"))
    return number


def parse_weight(value):
    weight = parse_decimal(value)
    if weight <= 0:
        raise BadValue(_("el peso debe ser mayor que cero"))
    if weight >= 1000:
        raise BadValue(_("el peso debe ser menor que 1000"))
    return weight


def parse_percent(value):
    number = parse_number(value)
    if number != number.to_integral_value() or not 0 <= number <= 100:
        raise BadValue(_("el avance debe ser un número entero de 0 a 100"))
    return int(number)


def choice(choices, what):
    """A parser accepting a choice's value or its label, loosely (`what` names the choices)."""
    known = {}
    # The labels a file may use are the Spanish ones (the file's format), whatever language
    # is active where the parser is made.
    with translation.override(settings.LANGUAGE_CODE):
        for value, label in choices:
            known[key(value)] = value
            known[key(label)] = value
            known[key(str(label).split("(")[0])] = value

    def parse(typed):
        found = known.get(key(typed))
        if found is None:
            raise BadValue(
                _("no es %(what)s; usa %(options)s")
                % {"what": what, "options": ", ".join(quoted(value) for value, _label in choices)}
            )
        return found

    return parse


_url = URLValidator(schemes=["http", "https"])


def parse_url(value):
    typed = text(value)
    try:
        _url(typed)
    except ValidationError:
        raise BadValue(_("no es un enlace válido (debe empezar con https://)")) from None
    if len(typed) > 500:
        raise BadValue(_("es un enlace de más de 500 caracteres"))
    return typed
