"""gunicorn settings for `make run` and production (read from the project folder).

Every value can be changed with the environment variable named next to it (see .env.example).
"""

import multiprocessing
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def env(name, default):
    return os.environ.get(name, "").strip() or default


VAR_DIR = Path(env("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(exist_ok=True)

wsgi_app = "portal.wsgi:application"
bind = f"{env('HOST', '127.0.0.1')}:{env('PORT', '8000')}"
workers = int(env("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
timeout = int(env("GUNICORN_TIMEOUT", "30"))
# Workers fork from a loaded app: they start in milliseconds and share its memory.
preload_app = True
# Recycling a worker empties its in-memory page cache: off unless asked for (e.g. 100000).
max_requests = int(env("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Its own folder, not the shared ~/.gunicorn of the account running it.
control_socket = str(VAR_DIR / "gunicorn.ctl")
# Requests are logged by the proxy in front; ACCESS_LOG=- logs them here too.
accesslog = env("ACCESS_LOG", None)
errorlog = "-"
# The TLS proxy on this machine may say which client and scheme it forwarded.
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
