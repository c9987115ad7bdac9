"""SPF, DKIM and DMARC verdicts read from ``Authentication-Results`` (RFC 8601).

Anyone can write an Authentication-Results header into a mail, so only the ones stamped by our own
receiving server are believed: the header's authserv-id must equal a configured trusted id (RFC 8601
§5 asks that server to strip look-alikes). The topmost such header is the last one added, i.e. ours.
Results count only when they concern the From domain (DKIM ``header.d``, SPF ``smtp.mailfrom``, DMARC
``header.from``, relaxed alignment), so a pass for some unrelated relay domain cannot vouch for a
spoofed supplier address.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from mail.model import AuthResult, AuthVerdict

_COMMENT = re.compile(r"\([^()]*\)")
_RESULTS = {"pass": AuthResult.PASS, "fail": AuthResult.FAIL, "softfail": AuthResult.FAIL}


@dataclass(frozen=True, slots=True)
class _ResInfo:
    method: str
    result: str
    props: dict[str, str] = field(default_factory=dict)


def auth_verdict(header_values: Iterable[str], from_domain: str, trusted_ids: Collection[str]) -> AuthVerdict:
    """The verdict of the first header whose authserv-id is trusted; all ``none`` when there is none."""
    trusted = {item.strip().lower() for item in trusted_ids if item.strip()}
    for value in header_values:
        authserv_id, infos = _parse(value)
        if authserv_id and authserv_id in trusted:
            return _verdict(infos, from_domain.lower(), authserv_id)
    return AuthVerdict()


def _parse(value: str) -> tuple[str, list[_ResInfo]]:
    text = " ".join(value.split())
    for _ in range(5):  # nested comments, innermost first
        text = _COMMENT.sub(" ", text)
    segments = [segment.strip() for segment in text.split(";")]
    head = segments[0].split()
    if not head or "=" in head[0]:
        return "", []  # no authserv-id (e.g. some gateways): cannot be attributed, so never trusted
    infos = [info for info in (_resinfo(segment) for segment in segments[1:]) if info is not None]
    return head[0].lower(), infos


def _resinfo(segment: str) -> _ResInfo | None:
    tokens = segment.split()
    if not tokens or "=" not in tokens[0]:
        return None
    method, _, result = tokens[0].partition("=")
    props: dict[str, str] = {}
    for token in tokens[1:]:
        key, sep, prop_value = token.partition("=")
        if sep:
            props.setdefault(key.lower(), prop_value.strip('"').lower())
    return _ResInfo(method=method.split("/")[0].lower(), result=result.lower(), props=props)


def _verdict(infos: list[_ResInfo], from_domain: str, authserv_id: str) -> AuthVerdict:
    return AuthVerdict(
        spf=_combine(
            info.result for info in infos if info.method == "spf" and _spf_aligned(info, from_domain)
        ),
        dkim=_combine(
            info.result for info in infos if info.method == "dkim" and _dkim_aligned(info, from_domain)
        ),
        dmarc=_combine(
            info.result for info in infos if info.method == "dmarc" and _dmarc_about(info, from_domain)
        ),
        authserv_id=authserv_id,
    )


def _combine(results: Iterable[str]) -> AuthResult:
    """Any aligned pass wins (a mail may carry several signatures); else any fail; else none."""
    mapped = {_RESULTS.get(result, AuthResult.NONE) for result in results}
    for outcome in (AuthResult.PASS, AuthResult.FAIL):
        if outcome in mapped:
            return outcome
    return AuthResult.NONE


def _aligned(domain: str, from_domain: str) -> bool:
    domain = domain.rpartition("@")[2].strip(".")
    if "." not in domain or not from_domain:
        return False  # a bare label (or nothing) can never vouch for a registrable domain
    return domain == from_domain or from_domain.endswith("." + domain) or domain.endswith("." + from_domain)


def _spf_aligned(info: _ResInfo, from_domain: str) -> bool:
    mail_from = info.props.get("smtp.mailfrom")
    return True if mail_from is None else _aligned(mail_from, from_domain)


def _dkim_aligned(info: _ResInfo, from_domain: str) -> bool:
    signer = info.props.get("header.d") or info.props.get("header.i") or ""
    return _aligned(signer, from_domain)


def _dmarc_about(info: _ResInfo, from_domain: str) -> bool:
    header_from = info.props.get("header.from")
    return header_from is None or header_from.rpartition("@")[2] == from_domain
