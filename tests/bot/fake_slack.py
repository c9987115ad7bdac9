"""A loopback fake of the Slack Web API (stdlib HTTP server on 127.0.0.1, free port).

Based on the tested recipe in the shared test-infrastructure notes (Appendix C), extended with the
methods this bot calls (chat.update, chat.postEphemeral, views.open/update, usergroups.users.list,
conversations.open for direct messages, the two-step external file upload, and files a user shared:
``files.info`` and the authenticated ``url_private_download``, which like Slack answers a request
without the bot token with an HTML sign-in page and status 200)
and with ``response_url`` endpoints, so tests can assert every outgoing call exactly: method, channel,
text and blocks. It is a real HTTP server the real ``slack_sdk.WebClient`` talks to, not a mock.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlparse

Call = dict[str, Any]
BOT_TOKEN = "xoxb-test"


@dataclass(frozen=True)
class SharedFile:
    """One file the app uploaded and completed (files_upload_v2): what a user would find in Slack."""

    filename: str
    title: str
    channel: str
    data: bytes


class FakeSlack:
    """Records every Web API call as ``{"method", "params", "headers", "at"}`` and answers like Slack.

    ``at`` is ``time.perf_counter()`` when the call arrived, for timing answers in benchmarks.
    """

    def __init__(self, bot_token: str = BOT_TOKEN, group_members: Mapping[str, list[str]] | None = None):
        self.bot_token = bot_token
        self.group_members: dict[str, list[str]] = dict(group_members or {})
        self.calls: list[Call] = []
        self.uploads: dict[str, bytes] = {}
        self.upload_names: dict[str, str] = {}  # file id -> the filename asked for in step one
        self.shared: list[SharedFile] = []  # files completed into a channel, in order
        self.user_files: dict[str, tuple[str, bytes]] = {}  # files users shared: id -> (name, content)
        self.closed_channels: set[str] = set()  # channels the bot is not in: posting there fails
        self.ws_url: str | None = None
        self._cond = threading.Condition()
        self._ts_counter = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.root_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.base_url = f"{self.root_url}/api/"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeSlack:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def response_url(self, name: str = "r1") -> str:
        """A loopback ``response_url``; what the app posts there is recorded as method ``response:<name>``."""
        return f"{self.root_url}/response/{name}"

    def share_file(self, name: str, data: bytes) -> str:
        """A file a user uploaded to Slack; its id is what a file_input or a message names."""
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        self.user_files[file_id] = (name, data)
        return file_id

    def file_object(self, file_id: str) -> dict[str, Any]:
        name, data = self.user_files[file_id]
        url = f"{self.root_url}/files-pri/T111-{file_id}/download/{quote(name)}"
        return {"id": file_id, "name": name, "size": len(data), "url_private_download": url}

    def methods(self) -> list[str]:
        with self._cond:
            return [c["method"] for c in self.calls]

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c["method"] == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                got = [c for c in self.calls if c["method"] == method]
                if len(got) >= count:
                    return got
                if time.monotonic() >= deadline:
                    seen = [c["method"] for c in self.calls]
                    raise AssertionError(f"{method}: got {len(got)} of {count}; calls={seen}")
                self._cond.wait(deadline - time.monotonic())

    def _next_ts(self) -> str:
        with self._cond:
            self._ts_counter += 1
            return f"1700000000.{self._ts_counter:06d}"

    def answer(self, method: str, p: dict[str, Any], headers: Mapping[str, str]) -> dict[str, Any]:
        if method.startswith("response:"):
            return {"ok": True}
        if method == "apps.connections.open":
            ok = str(headers.get("Authorization", "")).startswith("Bearer xapp-")
            return (
                {"ok": True, "url": self.ws_url} if ok else {"ok": False, "error": "not_allowed_token_type"}
            )
        if headers.get("Authorization") != f"Bearer {self.bot_token}":
            return {"ok": False, "error": "invalid_auth"}
        return self._answer_authorized(method, p)

    def _answer_authorized(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        if method.startswith("chat.post") and p.get("channel") in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        if method == "auth.test":
            return {"ok": True, "team_id": "T111", "user_id": "U0BOT", "bot_id": "B0BOT", "user": "bot"}
        if method in ("chat.postMessage", "chat.update"):
            ts = p.get("ts") or self._next_ts()
            return {
                "ok": True,
                "channel": p["channel"],
                "ts": ts,
                "message": {"text": p.get("text"), "ts": ts},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("views.open", "views.update"):
            return {"ok": True, "view": {"id": "V" + uuid.uuid4().hex[:8].upper()}}
        if method == "conversations.open":
            users = str(p.get("users") or "")
            if not users or "," in users:
                return {"ok": False, "error": "not_enough_users" if not users else "too_many_users"}
            return {"ok": True, "channel": {"id": "D" + users.removeprefix("U")}}
        if method == "usergroups.users.list":
            members = self.group_members.get(str(p.get("usergroup")))
            if members is None:
                return {"ok": False, "error": "no_such_subteam"}
            return {"ok": True, "users": members}
        if method == "files.info":
            if str(p.get("file")) not in self.user_files:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": self.file_object(str(p["file"]))}
        if method == "files.getUploadURLExternal":
            fid = "F" + uuid.uuid4().hex[:8].upper()
            self.upload_names[fid] = str(p.get("filename") or "")
            return {"ok": True, "file_id": fid, "upload_url": f"{self.root_url}/upload/{fid}"}
        if method == "files.completeUploadExternal":
            files = json.loads(p["files"]) if isinstance(p["files"], str) else p["files"]
            for f in files:
                name = self.upload_names.get(f["id"], "")
                data = self.uploads.get(f["id"], b"")
                self.shared.append(
                    SharedFile(name, str(f.get("title") or ""), str(p.get("channel_id") or ""), data)
                )
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                url = urlparse(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if url.path.startswith("/files-pri/"):
                    self._download(url.path.split("/")[2].removeprefix("T111-"))
                    return
                if url.path.startswith("/upload/"):
                    fake.uploads[url.path.rsplit("/", 1)[1]] = raw
                    self._send(b"OK", "text/plain")
                    return
                if url.path.startswith("/response/"):
                    method = "response:" + url.path.rsplit("/", 1)[1]
                else:
                    method = url.path.removeprefix("/api/")
                params: dict[str, Any] = dict(parse_qsl(url.query))
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params.update(json.loads(raw or b"{}"))
                elif raw:
                    params.update(parse_qsl(raw.decode()))
                for key in ("blocks", "view"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                with fake._cond:
                    call = {"method": method, "params": params, "headers": dict(self.headers)}
                    fake.calls.append({**call, "at": time.perf_counter()})
                    fake._cond.notify_all()
                body = json.dumps(fake.answer(method, params, self.headers)).encode()
                self._send(body, "application/json")

            do_GET = do_POST

            def _download(self, file_id: str) -> None:
                with fake._cond:
                    call = {"method": f"download:{file_id}", "params": {}, "headers": dict(self.headers)}
                    fake.calls.append({**call, "at": time.perf_counter()})
                    fake._cond.notify_all()
                if (
                    self.headers.get("Authorization") != f"Bearer {fake.bot_token}"
                    or file_id not in fake.user_files
                ):
                    self._send(b"<!DOCTYPE html><title>Slack</title>sign in", "text/html; charset=utf-8")
                    return
                self._send(fake.user_files[file_id][1], "application/octet-stream")

            def _send(self, body: bytes, ctype: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
