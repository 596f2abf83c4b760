"""manage.py backup and restore: an empty database comes back with the same board and files."""

import pytest
from django.core.management import CommandError
from django.core.management import call_command as manage

from commitments.models import Exercise
from core.content_version import bump_content_version
from secretariat.models import Session
from tests.commitments import builders

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_renders_the_same_board(client, media, tmp_path):
    from commitments import demo

    demo.load()
    board = client.get("/tablero/").content.decode()
    minutes = Session.objects.exclude(minutes="").first()
    minutes_url = minutes.minutes.url
    archive = tmp_path / "respaldo.tar.gz"
    manage("backup", str(archive))

    manage("flush", interactive=False)
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    bump_content_version()  # flush sends no signals: what follows comes from the database.
    assert not Exercise.objects.exists()
    assert "DA-01" not in client.get("/tablero/").content.decode()
    assert client.get(minutes_url).status_code == 404

    manage("restore", str(archive))
    assert client.get("/tablero/").content.decode() == board
    restored = client.get(minutes_url)
    assert restored.status_code == 200
    assert b"".join(restored.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data(media, tmp_path):
    builders.make_commitment(indicators=[{"name": "Avance"}], milestones=[{"title": "Hito"}])
    archive = tmp_path / "respaldo.tar.gz"
    manage("backup", str(archive))
    with pytest.raises(CommandError, match="La base de datos no está vacía"):
        manage("restore", str(archive))
