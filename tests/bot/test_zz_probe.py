import time
from tests.bot.conftest import *  # noqa
from tests.bot.test_remind import preview, confirm_value
def test_probe(slack, fake_slack, store):
    value = confirm_value(preview(slack, fake_slack, "remind"))
    t=time.monotonic()
    slack.click("wave_confirm", value, user=LEAD, response="first")
    fake_slack.wait_for("chat.postMessage", count=2)
    print("a", time.monotonic()-t)
    slack.click("wave_confirm", value, user=LEAD, response="second")
    print("b", time.monotonic()-t)
    fake_slack.wait_for("response:second")
    print("c", time.monotonic()-t, fake_slack.methods())
