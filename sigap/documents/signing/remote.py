"""The remote backend: a signing service over HTTP shaped like BSrE's e-sign API.

POST {SIGAP_SIGNING_URL}/api/sign/pdf, multipart: `file` (the PDF), `nik` (or `nip`),
`passphrase`, `tampilan` ("visible" with `page`, `xAxis`, `yAxis`, `width`, `height` of the
stamp, or "invisible"); HTTP basic auth with SIGAP_SIGNING_USER / SIGAP_SIGNING_PASSWORD.
200 with `application/pdf`: the signed file. Any other answer carries JSON {"error": "..."}.
"""

import httpx
from django.conf import settings

from sigap.documents.signing import (
    SIGNING_REFUSED,
    SIGNING_UNAVAILABLE,
    SignerIdentity,
    SigningFailed,
    StampBox,
)

TIMEOUT_SECONDS = 20


def _form(identity: SignerIdentity, box: StampBox | None) -> dict[str, str]:
    form = {"passphrase": identity.passphrase}
    if identity.nik:
        form["nik"] = identity.nik
    if identity.nip:
        form["nip"] = identity.nip
    if box is None:
        form["tampilan"] = "invisible"
    else:
        form.update(
            tampilan="visible",
            page=str(box.page + 1),
            xAxis=f"{box.x1:.1f}",
            yAxis=f"{box.y1:.1f}",
            width=f"{box.x2 - box.x1:.1f}",
            height=f"{box.y2 - box.y1:.1f}",
        )
    return form


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error") or response.status_code)
    except ValueError:
        return f"HTTP {response.status_code}"


def sign_remotely(*, pdf: bytes, identity: SignerIdentity, box: StampBox | None) -> bytes:
    auth = None
    if settings.SIGAP_SIGNING_USER:
        auth = (settings.SIGAP_SIGNING_USER, settings.SIGAP_SIGNING_PASSWORD)
    try:
        response = httpx.post(
            settings.SIGAP_SIGNING_URL.rstrip("/") + "/api/sign/pdf",
            data=_form(identity, box),
            files={"file": ("document.pdf", pdf, "application/pdf")},
            auth=auth,
            timeout=TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise SigningFailed(SIGNING_UNAVAILABLE, code="signing_unavailable") from exc
    if response.status_code >= 500:
        raise SigningFailed(SIGNING_UNAVAILABLE, code="signing_unavailable")
    if response.status_code != 200 or not response.content.startswith(b"%PDF"):
        raise SigningFailed(
            SIGNING_REFUSED, code="signing_refused", params={"reason": _reason(response)}
        )
    return response.content
