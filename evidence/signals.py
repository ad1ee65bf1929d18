"""What evidence announces. evidence imports nothing of blog, so blog listens here instead.

integrity_changed: a source's integrity status changed (a retraction, an expression of
concern, a correction or its undoing). Sent with source, previous (the old status) and by
(the user, or None for the nightly check), inside the transaction that saved the source.
blog's handler tells the editors and flags every article citing it in the audit log.
"""

from django.dispatch import Signal

integrity_changed = Signal()
