"""`lmskg export`."""

from lmskg.commands import unavailable

cli = unavailable("export", "Write the whole graph in an RDF format")
