"""The lmskg web server: ``app`` for any WSGI server, or ``python server.py --host H --port P --timeout S``.

``python server.py`` runs waitress (a production WSGI server), as ``lmskg serve`` does.
"""

from __future__ import annotations

import sys

from lmskg.errors import LmskgError
from lmskg.web import create_app
from lmskg.web.serving import parse_args, run

if __name__ == "__main__":
    _config, _args = parse_args()
else:
    _config, _args = None, None

try:
    app = create_app(_config)
except LmskgError as exc:
    if __name__ != "__main__":
        raise
    print(f"Error: {exc}", file=sys.stderr)
    sys.exit(1)

if __name__ == "__main__":
    try:
        run(app, host=_args.host, port=_args.port, threads=_args.threads)
    except OSError as exc:
        print(f"Error: cannot serve on {_args.host}:{_args.port}: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        pass
