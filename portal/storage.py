import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed files once collectstatic wrote its manifest; plain names until then.

    Without this, every page of a fresh production install fails with "Missing staticfiles
    manifest entry". Meanwhile WhiteNoise serves the source folders (settings.py).
    """

    def stored_name(self, name):
        if not self.hashed_files:
            return name
        return super().stored_name(name)

    def load_manifest(self):
        hashed_files = super().load_manifest()
        if not hashed_files:
            logger.warning("No staticfiles manifest: run collectstatic; serving plain names")
        return hashed_files
