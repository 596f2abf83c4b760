"""Django's JSON serialization with every moment to the microsecond, for `manage.py backup`.

DjangoJSONEncoder writes datetimes and times to the millisecond: two facts published within
the same millisecond, or a fact and its correction, would come back from a backup tied and
in another order (Atom feeds, the change log, corrections). Here they are written with
`isoformat()`, which Django's own JSON deserializer reads back exactly, so an archive made
this way restores with `loaddata` as any JSON fixture does (registered as "exactjson" in
settings.SERIALIZATION_MODULES).
"""

from datetime import datetime, time

from django.core.serializers.json import Deserializer  # noqa: F401 (a format module has both)
from django.core.serializers.json import Serializer as JSONSerializer


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        return value.isoformat() if isinstance(value, (datetime, time)) else value
