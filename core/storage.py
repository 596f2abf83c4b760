import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed files once collectstatic wrote its manifest; plain names until then.

    Without this, every page of a fresh production install fails with "Missing staticfiles
    manifest entry". Meanwhile WhiteNoise serves the source folders (settings.py).
    """

    _warned = False

    def stored_name(self, name):
        if self.hashed_files:
            return super().stored_name(name)
        if not StaticFilesStorage._warned:
            StaticFilesStorage._warned = True
            logger.warning("No staticfiles manifest (run collectstatic): serving plain names")
        return name
