"""The lmskg web server: ``app`` for any WSGI server, or ``python server.py --host H --port P --timeout S``.

``python server.py`` runs waitress (a production WSGI server), as ``lmskg serve`` does: one server process
per CPU sharing the port, each with its pool of query workers (``--processes``, ``--workers``).
"""

from __future__ import annotations

import sys

from lmskg.web import create_app
from lmskg.web.serving import main

if __name__ == "__main__":
    sys.exit(main())

app = create_app()
