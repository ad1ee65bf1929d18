"""Filling the source registry from identifiers and files, and watching it afterwards.

identifiers  pasted DOIs, PMIDs and their links → Identifier
http         polite HTTP to the registries (rate limits, retries, clear errors)
crossref     Crossref works/{doi} → Record, and its update notices
pubmed       E-utilities esearch / esummary / efetch → Record, and its notices
files        BibTeX, RIS and CSL-JSON files → Records (or the reason a record is invalid)
proposals    study design and population proposed from what the registries say, with why
batch        a preview (new / duplicate / invalid) and saving what the editor confirms
integrity_check  the nightly re-check of every cited DOI and PMID (manage.py check_integrity)
"""
