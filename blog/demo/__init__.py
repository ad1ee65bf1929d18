"""The Dutch demo site: content as data files, and the steps that load it.

people.toml, sources.toml, articles/*.toml and comments.toml hold the content;
the modules here turn it into rows through the same public APIs editors use
(publish(), the review workflow, the evidence registry, Comment transitions).
manage.py seed_demo runs the steps in order.
"""
