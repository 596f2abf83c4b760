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
# Restart workers now and then, so a slow leak never grows for weeks.
max_requests = 5000
max_requests_jitter = 500
# Its own folder, not the shared ~/.gunicorn of the account running it.
control_socket = str(VAR_DIR / "gunicorn.ctl")
# Requests are logged by the proxy in front; ACCESS_LOG=- logs them here too.
accesslog = env("ACCESS_LOG", None)
errorlog = "-"
# The TLS proxy on this machine may say which client and scheme it forwarded.
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
