"""`lmskg add`."""

from lmskg.commands import unavailable

cli = unavailable("add", "Add or replace one document's named graph in the current graph")
