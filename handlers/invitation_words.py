"""The invitation's wording per language (English, Chinese, Japanese), as one table per language.

Why in code rather than a Jinja template: an invitation is a handful of fixed paragraphs with a few
values in them, and the buyer's own requests text replaces one paragraph. A language without a
table gets English, with the agreement sentence also quoted in the supplier's own language
(``handlers.agreement_words`` knows ten). To add a language, add one ``InvitationWords``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InvitationWords:
    dear: str  # {name}
    dear_team: str  # {name}
    intro: str  # {campaign} {supplier} {family} {version}
    requests_heading: str
    requests: tuple[str, ...]
    policy_link: str  # {url} {version}
    agree: str  # how to agree: the sentence follows on its own line
    answer: str  # {due} {family}
    prefilled: str  # {supplier}
    thanks: str
    subject: str  # {family} {supplier} {due}


WORDS: dict[str, InvitationWords] = {
    "en": InvitationWords(
        dear="Dear {name},",
        dear_team="Dear {name} team,",
        intro="As part of our responsible minerals programme ({campaign}) we ask {supplier} to complete "
        "the attached {family}, revision {version}, from the Responsible Minerals Initiative.",
        requests_heading="We also ask you to:",
        requests=(
            "agree to our responsible minerals procurement policy;",
            "keep a responsible minerals policy of your own;",
            "exclude minerals from conflict-affected and high-risk areas that finance armed groups or "
            "human-rights abuse;",
            "cooperate with our surveys and answer our questions about your supply chain.",
        ),
        policy_link="Our policy (version {version}): {url}",
        agree="To agree to the policy, reply with this sentence:",
        answer="How to answer: reply to this mail with the completed {family} attached as an Excel file "
        "by {due}. You will get an automatic answer within minutes: a confirmation, or the exact cells "
        "to correct.",
        prefilled="We have already entered {supplier} as the company name in the attached file.",
        thanks="Thank you for your cooperation.",
        subject="{family} for {supplier}, due {due}",
    ),
    "zh": InvitationWords(
        dear="{name}，您好：",
        dear_team="{name} 团队，您好：",
        intro="作为我们负责任矿产计划（{campaign}）的一部分，我们请 {supplier} 填写附件中的负责任矿产倡议"
        "（RMI）{family}，版本 {version}。",
        requests_heading="我们同时请贵司：",
        requests=(
            "同意我们的负责任矿产采购政策；",
            "制定并保持贵司自己的负责任矿产政策；",
            "排除来自受冲突影响和高风险地区、资助武装团体或侵犯人权的矿产；",
            "配合我们的调查，并回答有关供应链的问题。",
        ),
        policy_link="我们的政策（版本 {version}）：{url}",
        agree="如同意该政策，请在回复中写上以下这句话：",
        answer="回复方式：请在 {due} 之前回复本邮件，并附上填写完成的 {family} Excel 文件。"
        "几分钟内您会收到自动回复：确认接受，或需要更正的具体单元格。",
        prefilled="我们已在附件中填入公司名称 {supplier}。",
        thanks="感谢您的配合。",
        subject="{supplier} 的 {family}，截止日期 {due}",
    ),
    "ja": InvitationWords(
        dear="{name} 様",
        dear_team="{name} ご担当者様",
        intro="当社の責任ある鉱物調達プログラム（{campaign}）の一環として、{supplier} 様に添付の "
        "Responsible Minerals Initiative（RMI）{family}（バージョン {version}）のご記入をお願いいたします。",
        requests_heading="あわせて、以下をお願いいたします。",
        requests=(
            "当社の責任ある鉱物調達方針にご同意いただくこと",
            "貴社独自の責任ある鉱物方針を維持していただくこと",
            "紛争地域および高リスク地域で武装勢力や人権侵害の資金源となる鉱物を排除していただくこと",
            "当社の調査にご協力いただき、サプライチェーンに関するご質問にご回答いただくこと",
        ),
        policy_link="当社方針（バージョン {version}）：{url}",
        agree="方針にご同意いただける場合は、次の文をご返信に記載してください。",
        answer="ご回答方法：{due} までに、ご記入済みの {family}（Excel ファイル）を添付してこのメールに"
        "ご返信ください。数分以内に自動返信（受理のご連絡、または修正が必要なセル）をお送りします。",
        prefilled="添付ファイルには会社名として {supplier} を記入済みです。",
        thanks="ご協力のほどよろしくお願いいたします。",
        subject="{supplier} 様 {family}（期限 {due}）",
    ),
}
FALLBACK = "en"


def words_for(language: str) -> tuple[str, InvitationWords]:
    """The language the invitation is written in, and its words (English when there are none)."""
    found = language if language in WORDS else FALLBACK
    return found, WORDS[found]
