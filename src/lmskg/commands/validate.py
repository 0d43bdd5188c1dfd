"""`lmskg validate`."""

from lmskg.commands import unavailable

cli = unavailable("validate", "Check the graph against the SHACL shapes and the quality checks")
