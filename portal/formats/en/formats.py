"""English dates for an international audience (OGP peers, researchers): day before month, the
month in words, never the US "06/10/2025", which reads as another day beside the Spanish pages.
Spanish (es-mx) keeps Django's own: "27 de junio de 2025" in prose, "27/06/2025" in tables."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d M Y"
SHORT_DATETIME_FORMAT = "d M Y H:i"
