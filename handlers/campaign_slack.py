"""Opening a campaign from Slack: the team lead's form, a preview, then one confirmed opening.

Slack-free decisions: who may (team leads only, checked at the command, the submission and the
button, because a preview's button can be pressed by anyone who sees it), what the form's fields
mean (the same ``CampaignRequest`` the CLI builds; "copy from" is the CLI's ``--like``), and that one
preview opens at most once (its one-time token, as for an uploaded supplier list). The previewed
request is kept in the store's content-addressed blobs, so Confirm opens exactly what the lead saw;
the opening is ``handlers.campaigns.open_campaign``, the CLI's code and its one wave machinery.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace

from handlers.auth import Caller, audit_privileged, authorize
from handlers.campaign_setup import Preview, like, preview, selection_text
from handlers.campaigns import FAMILY_NAMES, CampaignRequest, OpenResult, open_campaign
from handlers.invitations import InvitationMail, InvitationOptions
from storage import Store
from storage.records import JsonScalar
from surveybot.errors import UserFacingError

ACTION = "campaign_open"
PREVIEW_TOKENS = "slack_campaign_open"
_SHA256 = re.compile(r"[0-9a-f]{64}")  # a button value is outside text: it must name a blob, nothing else
_REVISION = re.compile(r"\d+(?:\.\d+){0,3}")
OptionsFor = Callable[[CampaignRequest], InvitationOptions]


class FormError(UserFacingError):
    """A field of the form that cannot be used; ``field`` is the form block it is shown under."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class CampaignDefaults:
    """What the config fills in when the form leaves it empty (the CLI's defaults)."""

    reminder_days: int
    minimum_versions: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class SetupPreview:
    preview: Preview
    warnings: tuple[str, ...]
    invitation: str  # the first invited supplier's invitation text, as it will go out
    sha256: str  # the request, kept for Confirm
    token: str  # one-time: confirming the same preview twice opens once


def may_open(store: Store, caller: Caller) -> None:
    """Refuse (and audit) anyone but a team lead before the form even opens."""
    authorize(store.audit, caller, ACTION)


def request_from_form(store: Store, fields: Mapping[str, str], defaults: CampaignDefaults) -> CampaignRequest:
    """The form's fields as the CLI's request; a field that cannot be used raises ``FormError``."""
    name = fields.get("name", "").strip()
    if not name:
        raise FormError("name", "Give the campaign a name, e.g. CMRT 2027.")
    request = CampaignRequest(
        name=name,
        family=fields.get("family", "").strip().upper(),
        min_version=_revision(fields, "min_version"),
        due=_due(fields.get("due", "")),
        reminder_days=defaults.reminder_days,
        template_version=_revision(fields, "template_version"),
        selection=_selection(fields.get("selection", "all"), fields.get("selection_value", "").strip()),
        reminder_days_before_due=_days(fields.get("cadence", "")),
        escalate_after_reminders=_count(fields.get("escalate_after", "")),
    )
    previous = fields.get("like", "").strip()
    if previous:
        try:
            request = like(store, previous, request)
        except LookupError as missing:
            raise FormError("like", str(missing)) from missing
    if request.family not in FAMILY_NAMES:
        raise FormError("family", "Choose the template family (or a campaign to copy from).")
    minimum = request.min_version or defaults.minimum_versions.get(request.family, "")
    return replace(request, min_version=minimum)


def preview_opening(
    store: Store, caller: Caller, request: CampaignRequest, options_for: OptionsFor, today: dt.date
) -> SetupPreview:
    """What opening ``request`` would do; writes only the request's blob, for Confirm."""
    authorize(store.audit, caller, ACTION)
    options = options_for(request)  # no blank of that revision: refused now, not at Confirm
    try:
        shown = preview(store, request)
    except (LookupError, ValueError) as refused:
        raise UserFacingError(str(refused)) from refused
    sha256 = store.blobs.put(_encode(request))
    return SetupPreview(shown, _warnings(shown, today), _invitation(shown, options), sha256, uuid.uuid4().hex)


def confirm_opening(
    store: Store, caller: Caller, sha256: str, token: str, options_for: OptionsFor, *, queue_now: bool = True
) -> OpenResult:
    """Open the previewed campaign and record its invitation wave (queued now unless ``queue_now`` is
    False: the caller's background job queues it); refused for a second click."""
    authorize(store.audit, caller, ACTION, f"request:{sha256[:12]}")
    if not _SHA256.fullmatch(sha256) or not store.blobs.exists(sha256):
        raise UserFacingError("That preview is no longer here; run `campaign open` again.")
    request = _decode(store.blobs.read(sha256))
    options = options_for(request)
    if not store.dedupe.mark(PREVIEW_TOKENS, token):
        raise UserFacingError("This campaign was already opened from this preview.")
    result = open_campaign(store, request, caller.actor, options, queue_now=queue_now)
    details: dict[str, JsonScalar] = {
        "campaign": request.name,
        "invited": result.invited,
        "queued": result.queued_mails,
        "wave": result.wave.id if result.wave is not None else None,
    }
    audit_privileged(store.audit, caller, ACTION, f"campaign:{result.campaign.id}", details)
    return result


def _warnings(shown: Preview, today: dt.date) -> tuple[str, ...]:
    warnings = []
    if shown.request.due < today:
        warnings.append(
            f"The due date {shown.request.due.isoformat()} is in the past: every invited supplier "
            "is overdue at once and the first reminder wave goes to all of them."
        )
    if not shown.invited and not shown.already:
        warnings.append(
            "No supplier with an e-mail address is in this selection: nobody would be invited. "
            "Import suppliers first (`suppliers import`), or choose another selection."
        )
    return tuple(warnings)


def _invitation(shown: Preview, options: InvitationOptions) -> str:
    if not shown.invited:
        return ""
    first, r = shown.invited[0], shown.request
    mail = InvitationMail(
        supplier_name=first.name,
        contact_name=first.contacts[0].name if first.contacts else "",
        campaign_name=r.name,
        family=r.family,
        version=options.blank_version or r.template_version or r.min_version or "latest",
        due=r.due,
        language=first.language or "en",
        requests_text=options.requests_text,
        policy_url=options.policy_url,
        policy_version=options.policy_version,
        prefilled=options.prefill_company_name and bool(options.blank),
    )
    return options.render(mail).text


def _revision(fields: Mapping[str, str], field: str) -> str:
    text = fields.get(field, "").strip()
    if text and not _REVISION.fullmatch(text):
        raise FormError(field, "Write a template revision like 6.5 or 6.31.")
    return text


def _due(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FormError("due", "Choose the due date.") from None


def _selection(kind: str, value: str) -> str:
    if kind in ("", "all"):
        return ""
    if kind not in ("tag", "owner") or not value:
        raise FormError("selection", "Say which tag, or whose suppliers (choose the owner).")
    return selection_text(kind, value)


def _days(text: str) -> tuple[int, ...]:
    words = [w for w in re.split(r"[\s,;]+", text.strip()) if w]
    if not all(w.isdigit() and 0 < int(w) <= 365 for w in words):
        raise FormError("cadence", "Write days before the due date, like 14, 3.")
    return tuple(sorted({int(w) for w in words}, reverse=True))


def _count(text: str) -> int:
    text = text.strip()
    if text and not (text.isdigit() and int(text) <= 50):
        raise FormError("escalate_after", "Write a number of reminders, like 3.")
    return int(text or 0)


def _encode(request: CampaignRequest) -> bytes:
    fields = asdict(request)
    fields["due"] = request.due.isoformat()
    return json.dumps(fields, sort_keys=True).encode()


def _decode(data: bytes) -> CampaignRequest:
    fields = json.loads(data)
    fields["due"] = dt.date.fromisoformat(fields["due"])
    fields["reminder_days_before_due"] = tuple(fields["reminder_days_before_due"])
    return CampaignRequest(**fields)
