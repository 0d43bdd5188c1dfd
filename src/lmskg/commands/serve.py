"""`lmskg serve`: the SPARQL endpoint, linked-data pages and downloads, under waitress."""

from __future__ import annotations

import os

import click

from lmskg.commands.store_options import store_options
from lmskg.settings import Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), envvar="LMSKG_QUERY_TIMEOUT", show_envvar=True,
              help="Seconds a query may run before it is stopped (default 30).")
@click.option("--processes", type=click.IntRange(min=1), envvar="LMSKG_PROCESSES",
              help="Server processes sharing the port (default: the number of CPUs).")
@click.option("--workers", type=click.IntRange(min=1), envvar="LMSKG_WORKERS",
              help="Query worker processes per server process, each holding the graph (default: the number of CPUs).")
@click.option("--threads", type=click.IntRange(min=1), help="Request threads per server process (default 8).")
@store_options
@click.pass_obj
def cli(settings: Settings, host: str, port: int, timeout: float | None, processes: int | None,
        workers: int | None, threads: int | None, store: str | None, store_update: str | None) -> None:
    """Serve the graph last built: SPARQL at /sparql, pages for every IRI, dumps at /download/.

    Updates are refused unless LMSKG_UPDATE_TOKEN is set; clients then send `Authorization: Bearer <token>`.
    With --store, the graph in that triplestore is served read-only, under the same rules (time limit, no
    SERVICE, result caps), with the same pages, lookup and dumps.
    """
    from lmskg.web.serving import run

    config: dict[str, object] = {"HOME": str(settings.home), "BASE": settings.base}
    if store:
        config.update(STORE=store, STORE_UPDATE=store_update or "")
    if timeout is not None:
        config["QUERY_TIMEOUT"] = timeout
    if workers is not None:
        config["WORKERS"] = workers
    try:
        run(config, host=host, port=port, processes=processes or os.cpu_count() or 1, threads=threads)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    except KeyboardInterrupt:
        pass
