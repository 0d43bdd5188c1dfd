"""`lmskg release`."""

from lmskg.commands import unavailable

cli = unavailable("release", "Write the ontology release files from ontology/lmskg.ttl")
