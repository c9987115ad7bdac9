"""The Slack app (slack-bolt): ``bot.app.create_app(settings, deps)``, listeners, Block Kit, notices."""
