"""The Dutch demo site: content as data files, and the steps that load it.

people.toml, sources.toml and articles/*.toml hold the content; the modules here
turn it into rows through the same public APIs editors use (publish(), the review
workflow, the evidence registry). The comments app seeds its reader submissions
(comments/demo.toml) when seed_demo announces new articles (signals.py).
manage.py seed_demo runs the steps in order.
"""
