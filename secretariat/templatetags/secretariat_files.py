from django import template

register = template.Library()


@register.filter
def file_size(field_file):
    """Size in bytes, or None when the file is missing from storage: the page still renders."""
    try:
        return field_file.size
    except OSError:
        return None
