"""Extraction: from a Document to facts (publications, cases, cohort statistics), each tied to its span."""
