"""The ``campaign.close`` operation: a campaign ends (no more reminders) without stopping the service.

``campaign open`` is not an operation yet: its preview, terminal confirmation and ``--like`` /
``--list`` selection act on the data folder itself (``surveybot.commands.campaign``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.control.operations import OpContext


def close(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import close_campaign

    try:
        campaign = close_campaign(ctx.store, text_arg(args, "name", required=True), ctx.actor)
    except LookupError as exc:
        raise UserFacingError(str(exc)) from exc
    return Reply(0, (f"campaign {campaign.name} is {campaign.state.value}",))
