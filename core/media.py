"""Uploaded files: which ones the public may download, how they are served, when they go.

`is_public(path)` is the single rule: a file is public when some public record refers to it.
Each app says which of its file fields hold public files (`register`, from its AppConfig.ready:
one entry per file field); this module imports no model. Like
the page cache, it trusts the content version: after a bulk update (no signals) call
`core.content_version.bump_content_version()`.
"""

import mimetypes
import posixpath
from collections import OrderedDict

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.http import FileResponse, Http404

from core import clock
from core.content_version import content_version

# Served inline (the browser shows them); anything else is downloaded.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}
# Nothing in an uploaded file may run script, load other resources or submit forms.
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
_sources = {}


def register(app_label, files):
    """`files()` returns (model, file field, condition that makes a row's file public) for
    every file field of the app `app_label`; replaced files of its models are removed."""
    _sources[app_label] = files


def public_files():
    """(model, file field, condition that makes a row's file public), for every file field."""
    return [entry for files in _sources.values() for entry in files()]


def _may_hold(model, field, path):
    """Skip models whose folder cannot hold `path` (upload_to "evidencias/%Y/" → "evidencias/")."""
    upload_to = model._meta.get_field(field).upload_to
    return callable(upload_to) or path.startswith(upload_to.split("%", 1)[0])


def _is_public(path):
    return any(
        model.objects.filter(condition, **{field: path}).exists()
        for model, field, condition in public_files()
        if _may_hold(model, field, path)
    )


# Answers per content version and day (publication dates), so a popular file costs no query.
_answers = OrderedDict()
ANSWERS_KEPT = 1000


def is_public(path):
    key = (content_version(), clock.today(), path)
    if key not in _answers:
        _answers[key] = _is_public(path)
        while len(_answers) > ANSWERS_KEPT:
            _answers.popitem(last=False)
    return _answers[key]


def forget_answers():
    _answers.clear()


def serve(request, path):
    """An uploaded file, if public, with headers that keep it from acting as a web page."""
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or not is_public(path) or not default_storage.exists(path):
        raise Http404
    return file_response(path, cache_control="public, max-age=300")


def file_response(path, *, cache_control):
    """A stored file as a download (or inline for PDFs and images) that cannot act as a page."""
    content_type, _encoding = mimetypes.guess_type(path)
    content_type = content_type or "application/octet-stream"
    response = FileResponse(
        default_storage.open(path),
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=posixpath.basename(path),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = cache_control
    return response


# --- Replaced files are removed -----------------------------------------------------


def _file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _remember_old_files(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label not in _sources or instance.pk is None:
        return
    fields = _file_fields(sender)
    if not fields:
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in fields])
    instance._old_files = old.first() or {}


def _remove_replaced_files(sender, instance, raw=False, **kwargs):
    old_files = getattr(instance, "_old_files", None)
    if not old_files:
        return
    for field in _file_fields(sender):
        old = old_files.get(field.attname)
        if old and old != getattr(instance, field.attname).name:
            transaction.on_commit(lambda name=old: _delete_unused(name), robust=True)
    instance._old_files = None


def _delete_unused(name):
    still_used = any(
        model._default_manager.filter(**{field: name}).exists()
        for model, field, _condition in public_files()
    )
    if not still_used:
        default_storage.delete(name)


def connect_signals():
    pre_save.connect(_remember_old_files, dispatch_uid="portal-media-old-files")
    post_save.connect(_remove_replaced_files, dispatch_uid="portal-media-replaced-files")
