"""`lmskg build`."""

from lmskg.commands import unavailable

cli = unavailable("build", "Build the graph from source documents (default: graph_data/sources)")
