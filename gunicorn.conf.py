"""gunicorn settings for `make run` and production (read from the project folder).

Every value can be changed with the environment variable named next to it (see .env.example).
"""

import multiprocessing
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(exist_ok=True)

wsgi_app = "portal.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Restart workers now and then, so a slow leak never grows for weeks.
max_requests = 5000
max_requests_jitter = 500
# Its own folder, not the shared ~/.gunicorn of the account running it.
control_socket = str(VAR_DIR / "gunicorn.ctl")
# Requests are logged by the proxy in front; ACCESS_LOG=- logs them here too.
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
# The TLS proxy on this machine may say which client and scheme it forwarded.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
