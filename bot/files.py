"""Fetching a file a user shared with the bot: ``files.info`` for its private URL, then an
authenticated download.

Slack serves ``url_private_download`` only with the bot token in an ``Authorization`` header; without
it (or with a token lacking ``files:read``) it answers 200 with its HTML sign-in page, so a response
that is HTML is refused rather than read as a supplier list. The token is sent only to Slack's own
file host (``*.slack.com`` over HTTPS) or to the host of the configured API base URL, never to a URL
some other party could have put in a file object. Sizes are checked before and during the download.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

from slack_sdk import WebClient

from surveybot.errors import UserFacingError

DOWNLOAD_TIMEOUT = 30.0
TOO_LARGE = "That file is larger than {} MB; is it a supplier list?"


@dataclass(frozen=True, slots=True)
class SharedFile:
    id: str
    name: str
    data: bytes


def download_shared_file(client: WebClient, file_id: str, token: str, max_bytes: int) -> SharedFile:
    info = client.files_info(file=file_id)["file"]
    name, url = str(info.get("name") or "upload"), str(info.get("url_private_download") or "")
    if int(info.get("size") or 0) > max_bytes:
        raise UserFacingError(TOO_LARGE.format(max_bytes // 2**20))
    if not url or not _may_carry_token(url, client.base_url):
        raise UserFacingError("Slack did not give me a download link for that file; please upload it again.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310 - checked above
        if str(response.headers.get("Content-Type", "")).startswith("text/html"):
            raise UserFacingError(
                "Slack would not let me read that file (the app may lack the files:read scope)."
            )
        data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UserFacingError(TOO_LARGE.format(max_bytes // 2**20))
    return SharedFile(file_id, name, data)


def _may_carry_token(url: str, api_base_url: str) -> bool:
    target, api = urlparse(url), urlparse(api_base_url)
    if target.scheme == "https" and (target.hostname or "").endswith(".slack.com"):
        return True
    return (target.scheme, target.netloc) == (api.scheme, api.netloc)
