"""Background work of the engine: the receipt of a portal submission, issued right after it."""

from django.tasks import task


@task(queue_name="default")
def issue_receipt(request_id: int) -> int:
    """Safe to run again: the receipt is issued once (see letters.receipt_ensure)."""
    from sigap.applications.letters import receipt_ensure
    from sigap.applications.models import Request

    request = Request.objects.filter(pk=request_id).first()
    if request is None:  # the draft was purged: nothing to issue
        return 0
    return receipt_ensure(request=request).pk
