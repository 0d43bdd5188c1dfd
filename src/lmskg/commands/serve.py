"""`lmskg serve`."""

from lmskg.commands import unavailable

cli = unavailable("serve", "Serve the graph: SPARQL endpoint, linked-data pages and downloads")
