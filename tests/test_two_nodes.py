"""Two app nodes on one Redis: a change saved through one is seen by the other at once.

Node B is another Python process with a var/ of its own (its own version file), as on
another machine: only Redis is shared. `benchmarks/two_nodes.py` runs the whole drill (two
gunicorn nodes, PostgreSQL, a write through the admin of one, pages read through the other).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from core import content_version

ROOT = Path(__file__).resolve().parent.parent

# Answers one line per line it reads: its content version and its Last-Modified moment.
NODE_B = """
import json, sys
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[1]
import django
django.setup()
from core import content_version
for _line in sys.stdin:
    changed = content_version.changed_at()
    answer = [content_version.content_version(), changed.timestamp() if changed else None]
    print(json.dumps(answer), flush=True)
"""


@pytest.fixture
def shared_redis(settings):
    prefix = f"pruebas-nodos-{os.getpid()}"
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        cache.set("probe", 1)
    except Exception:
        pytest.skip("no Redis at 127.0.0.1:6379")
    yield settings.REDIS_URL, prefix
    client = cache._cache.get_client()
    for key in client.keys(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def node_b(shared_redis, tmp_path):
    url, prefix = shared_redis
    var = tmp_path / "node-b"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "true",
        "REDIS_URL": url,
        "VAR_DIR": str(var),
        "PAGE_CACHE_VERSION_FILE": str(var / "content-version"),
        "DATABASE_URL": f"sqlite:///{var}/unused.sqlite3",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", NODE_B, prefix],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask():
        process.stdin.write("\n")
        process.stdin.flush()
        version, changed = json.loads(process.stdout.readline())
        return version, changed

    yield ask
    process.stdin.close()
    process.wait(timeout=30)


def test_a_bump_on_one_node_is_seen_by_the_other(node_b):
    before, _changed = node_b()
    # Node A (this process) reads the same shared version, not one of its own file.
    assert content_version.content_version() == before

    moment = time.time()
    content_version.bump_content_version()

    after, changed = node_b()
    assert after != before
    assert after == content_version.content_version()
    # The API's Last-Modified on node B names the write made on node A.
    assert changed is not None and changed >= moment - 0.01
    assert changed == content_version.changed_at().timestamp()
