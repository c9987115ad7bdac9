"""Wiring the Slack app from settings: secrets from the environment or files, never in reprs."""

from __future__ import annotations

from pathlib import Path

from bot.app import bot_deps, create_app
from storage import memory_store
from surveybot.settings import Settings, SlackSettings
from tests.bot.fake_slack import FakeSlack


def test_tokens_come_from_the_named_environment_variables_or_files(tmp_path: Path) -> None:
    secret_file = tmp_path / "signing"
    secret_file.write_text("from-a-file\n")
    settings = Settings(slack=SlackSettings(bot_token_env="MY_BOT", signing_secret_file=str(secret_file)))

    deps = bot_deps(
        settings, memory_store(), env={"MY_BOT": "xoxb-from-env", "SLACK_SIGNING_SECRET": "ignored"}
    )

    assert deps.bot_token.reveal() == "xoxb-from-env"
    assert deps.signing_secret.reveal() == "from-a-file"
    assert "xoxb-from-env" not in repr(deps) and "from-a-file" not in repr(deps)


def test_the_web_api_base_url_comes_from_settings(fake_slack: FakeSlack) -> None:
    settings = Settings(slack=SlackSettings(api_base_url=fake_slack.base_url.rstrip("/")))
    app = create_app(settings, bot_deps(settings, memory_store(), env={"SLACK_BOT_TOKEN": "xoxb-test"}))

    app.client.auth_test()

    assert app.client.base_url == fake_slack.base_url
    assert fake_slack.methods() == ["auth.test"]
