"""Scripts the tests run in a subprocess, against a real migrated database."""
