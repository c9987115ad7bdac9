"""Raw mails shaped like the ones real clients send, built at test time around a real RMI template.

Each builder writes the MIME by hand (CRLF line ends, the client's boundary style, its header
quirks), because the point is to meet the bytes Outlook, Gmail, Apple Mail, Lotus Notes and Foxmail
produce, not what Python's generator would. ``tnef_blob`` is a minimal TNEF writer (tnefparse can
only read), enough for Outlook's winmail.dat with a long file name.
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "rmi" / "data" / "templates"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
OUR_MESSAGE_ID = "<survey-2026-cmrt-42@surveys.example.com>"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def template_bytes(name: str = "RMI_CMRT_6.5.xlsx") -> bytes:
    return (TEMPLATES / name).read_bytes()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", "\r\n")


def mime(headers: str, body: str) -> str:
    """A part or message: header lines (one per line, LF ok) then a blank line and the body."""
    head = "\r\n".join(line for line in headers.strip("\n").splitlines())
    return f"{head}\r\n\r\n{body}"


def multipart(headers: str, boundary: str, parts: list[str], preamble: str = "") -> str:
    body = preamble + "".join(f"\r\n--{boundary}\r\n{part}" for part in parts) + f"\r\n--{boundary}--\r\n"
    return mime(headers, body)


def outlook_reply(template: bytes) -> bytes:
    """Outlook 365: mixed → related → alternative, a signature logo, the workbook attached."""
    alternative = multipart(
        'Content-Type: multipart/alternative; boundary="_000_PR3P195MB0828"',
        "_000_PR3P195MB0828",
        [
            mime(
                'Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: quoted-printable',
                "Hello,\r\n\r\nplease find our CMRT attached.\r\n\r\nBest regards\r\nAnna Keller",
            ),
            mime(
                'Content-Type: text/html; charset="us-ascii"\nContent-Transfer-Encoding: quoted-printable',
                "<html><body><p>Hello,</p><p>please find our CMRT attached.</p>"
                '<img src=3D"cid:image001.png@01DA"></body></html>',
            ),
        ],
    )
    logo = mime(
        'Content-Type: image/png; name="image001.png"\nContent-Description: image001.png\n'
        'Content-Disposition: inline; filename="image001.png"; size=70\nContent-ID: <image001.png@01DA>\n'
        "Content-Transfer-Encoding: base64",
        b64(TINY_PNG),
    )
    related = multipart(
        'Content-Type: multipart/related; boundary="_004_PR3P195MB0828"; type="multipart/alternative"',
        "_004_PR3P195MB0828",
        [alternative, logo],
    )
    workbook = mime(
        f'Content-Type: {XLSX_TYPE}; name="RMI_CMRT_6.5.xlsx"\nContent-Description: RMI_CMRT_6.5.xlsx\n'
        'Content-Disposition: attachment; filename="RMI_CMRT_6.5.xlsx"; size=1556011;\n'
        '\tcreation-date="Tue, 25 Nov 2025 09:12:01 GMT"\nContent-Transfer-Encoding: base64',
        b64(template),
    )
    return multipart(
        f"""From: Anna Keller <Anna.Keller@precision-parts.de>
To: "Supplier Surveys" <surveys@example.com>
Subject: RE: CMRT request 2026 - Precision Parts GmbH
Thread-Topic: CMRT request 2026 - Precision Parts GmbH
Thread-Index: AQHaH3bCm1c0Yk1vRUGp0XyZ8Q==
Date: Tue, 25 Nov 2025 09:14:27 +0000
Message-ID: <PR3P195MB08283F1C2A@PR3P195MB0828.EURP195.PROD.OUTLOOK.COM>
In-Reply-To: {OUR_MESSAGE_ID}
References: <campaign-2026@surveys.example.com>
 {OUR_MESSAGE_ID}
Accept-Language: de-DE, en-US
Content-Language: en-US
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
X-Auto-Response-Suppress: All
Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=precision-parts.de;
 dkim=pass (2048-bit key) header.d=precision-parts.de header.s=selector1;
 dmarc=pass (p=quarantine) header.from=precision-parts.de
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="_005_PR3P195MB0828\"""",
        "_005_PR3P195MB0828",
        [related, workbook],
    ).encode("ascii")


def tnef_blob(files: list[tuple[str, str, bytes]]) -> bytes:
    """A winmail.dat holding ``(8.3 title, long file name, bytes)`` attachments, as Outlook writes it."""
    blob = struct.pack("<IH", 0x223E9F78, 0x0001)
    blob += _tnef_attr(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))
    blob += _tnef_attr(1, 0x9007, 0x0006, struct.pack("<II", 1252, 0))
    blob += _tnef_attr(1, 0x8008, 0x0007, b"IPM.Microsoft Mail.Note\x00")
    for title, long_name, data in files:
        blob += _tnef_attr(2, 0x9002, 0x0006, struct.pack("<HIIHI", 1, 0xFFFFFFFF, 0, 1, 0))
        blob += _tnef_attr(2, 0x8010, 0x0001, title.encode("cp1252") + b"\x00")
        blob += _tnef_attr(2, 0x800F, 0x0006, data)
        blob += _tnef_attr(2, 0x9005, 0x0006, _mapi_unicode_props({0x3707: long_name}))
    return blob


def _tnef_attr(level: int, name: int, kind: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", checksum)


def _mapi_unicode_props(props: dict[int, str]) -> bytes:
    out = struct.pack("<I", len(props))
    for prop_id, text in props.items():
        encoded = (text + "\x00").encode("utf-16-le")
        out += (
            struct.pack("<HHII", 0x001F, prop_id, 1, len(encoded)) + encoded + b"\x00" * (-len(encoded) % 4)
        )
    return out


def outlook_winmail(blob: bytes) -> bytes:
    """Outlook in rich-text mode: a plain body and everything else inside winmail.dat."""
    return multipart(
        f"""From: "Wang, Lei" <lei.wang@shenzhen-metal.cn>
To: <surveys@example.com>
Subject: RE: CMRT request 2026
Date: Wed, 26 Nov 2025 08:01:12 +0800
Message-ID: <000001db3f$2a9c1b10$7fd45130$@shenzhen-metal.cn>
In-Reply-To: {OUR_MESSAGE_ID}
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AdtAbCdEfGhIjKlMnOpQrStUvWxYz==
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001_01DB3F2A.9C1B1000\"""",
        "----=_NextPart_000_0001_01DB3F2A.9C1B1000",
        [
            mime(
                'Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit',
                "See attached.",
            ),
            mime(
                'Content-Type: application/ms-tnef; name="winmail.dat"\nContent-Transfer-Encoding: base64\n'
                'Content-Disposition: attachment; filename="winmail.dat"',
                b64(blob),
            ),
        ],
        preamble="This is a multipart message in MIME format.\r\n",
    ).encode("ascii")


def gmail_chinese_name(template: bytes, name: str) -> bytes:
    """Gmail-style headers with an RFC 2231 UTF-8 file name split into continuations."""
    quoted = "".join(f"%{byte:02X}" for byte in name.encode("utf-8"))
    half = len(quoted) // 2
    half -= half % 3  # never split a %XX escape
    attachment = mime(
        f"Content-Type: {XLSX_TYPE}\n"
        f"Content-Disposition: attachment;\n filename*0*=UTF-8''{quoted[:half]};\n"
        f" filename*1*={quoted[half:]}\n"
        "Content-Transfer-Encoding: base64\nContent-ID: <f_m3xk2v0a0>\nX-Attachment-Id: f_m3xk2v0a0",
        b64(template),
    )
    body = multipart(
        'Content-Type: multipart/alternative; boundary="000000000000a1b2c3"',
        "000000000000a1b2c3",
        [
            mime('Content-Type: text/plain; charset="UTF-8"', "您好，附件是我们的CMRT。"),
            mime('Content-Type: text/html; charset="UTF-8"', '<div dir="ltr">您好，附件是我们的CMRT。</div>'),
        ],
    )
    return multipart(
        """MIME-Version: 1.0
From: =?UTF-8?B?5p2O5piO?= <liming.supplier@gmail.com>
Date: Thu, 27 Nov 2025 10:02:03 +0800
Message-ID: <CAF3kX=9q8Zp@mail.gmail.com>
Subject: =?UTF-8?B?Q01SVCDmlofku7Y=?=
To: surveys@example.com
X-Gm-Message-State: AOJu0YwQ
Content-Type: multipart/mixed; boundary="000000000000d4e5f6\"""",
        "000000000000d4e5f6",
        [body, attachment],
    ).encode("utf-8")


def apple_mail(template: bytes) -> bytes:
    """Apple Mail: alternative(plain, mixed(html, image, html, workbook, html)), every part inline."""
    mixed = multipart(
        'Content-Type: multipart/mixed; boundary="Apple-Mail=_B2C4-inner"',
        "Apple-Mail=_B2C4-inner",
        [
            mime(
                "Content-Transfer-Encoding: 7bit\nContent-Type: text/html; charset=us-ascii",
                "<html><body>Hi,",
            ),
            mime(
                "Content-Transfer-Encoding: base64\nContent-Disposition: inline; filename=logo.png\n"
                'Content-Type: image/png; x-unix-mode=0644; name="logo.png"\nContent-Id: <7A1B@apple>',
                b64(TINY_PNG),
            ),
            mime("Content-Transfer-Encoding: 7bit\nContent-Type: text/html; charset=us-ascii", "<br>"),
            mime(
                "Content-Disposition: inline; filename=RMI_CMRT_6.5.xlsx\n"
                f'Content-Type: {XLSX_TYPE}; x-unix-mode=0644; name="RMI_CMRT_6.5.xlsx"\n'
                "Content-Transfer-Encoding: base64",
                b64(template),
            ),
            mime(
                "Content-Transfer-Encoding: 7bit\nContent-Type: text/html; charset=us-ascii", "</body></html>"
            ),
        ],
    )
    return multipart(
        """From: Claire Dubois <claire.dubois@alliages-lyon.fr>
Content-Type: multipart/alternative; boundary="Apple-Mail=_B2C4-outer"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: Re: CMRT request 2026
Date: Fri, 28 Nov 2025 14:20:00 +0100
Message-Id: <9F2C1E7A-4B5D@alliages-lyon.fr>
To: surveys@example.com
X-Mailer: Apple Mail (2.3774.600.62)""",
        "Apple-Mail=_B2C4-outer",
        [
            mime(
                "Content-Transfer-Encoding: 7bit\nContent-Type: text/plain; charset=us-ascii",
                "Hi,\r\nhere it is.",
            ),
            mixed,
        ],
    ).encode("ascii")


def lotus_notes_japanese(template: bytes) -> bytes:
    """Lotus Notes: ISO-2022-JP subject, an HTML-only body, the workbook as octet-stream."""
    subject = "=?ISO-2022-JP?B?" + base64.b64encode("CMRT提出の件".encode("iso-2022-jp")).decode() + "?="
    html = (
        '<html><body><font size=2 face="sans-serif">'
        "いつもお世話になっております。<br>CMRTを送付します。</font></body></html>"
    )
    return multipart(
        f"""Subject: {subject}
To: surveys@example.com
From: "Taro Yamada" <t-yamada@kanto-denki.co.jp>
Date: Mon, 1 Dec 2025 09:30:00 +0900
Message-ID: <OF1A2B3C4D.5E6F7081-ON49258A@kanto-denki.co.jp>
X-Mailer: Lotus Notes Release 9.0.1FP10 SHF68 February 02, 2019
X-MIMETrack: Serialize by Router on JPSMTP01/KANTO(Release 9.0.1FP10) at 2025/12/01 09:30:00
MIME-Version: 1.0
Content-type: multipart/mixed; boundary="=_mixed 0026F0D749258A_=\"""",
        "=_mixed 0026F0D749258A_=",
        [
            mime(
                'Content-Type: text/html; charset="ISO-2022-JP"\nContent-Transfer-Encoding: base64',
                b64(html.encode("iso-2022-jp")),
            ),
            mime(
                'Content-type: application/octet-stream; name="CMRT_kanto.xlsx"\n'
                'Content-Disposition: attachment; filename="CMRT_kanto.xlsx"\n'
                "Content-Transfer-Encoding: base64",
                b64(template),
            ),
        ],
        preamble="This is a multipart message in MIME format.\r\n",
    ).encode("ascii")


def _gbk_words(text: str, split_at: int) -> str:
    """Foxmail's encoded words, labelled GB2312 though GBK, split inside a two-byte character."""
    raw = text.encode("gbk")
    pieces = [raw[:split_at], raw[split_at:]]
    return " ".join(f"=?GB2312?B?{base64.b64encode(piece).decode()}?=" for piece in pieces)


def foxmail(template: bytes, subject: str, filename: str) -> bytes:
    name = _gbk_words(filename, 3)
    return multipart(
        f"""Date: Tue, 2 Dec 2025 16:45:10 +0800
From: "=?GB2312?B?{base64.b64encode("张喆".encode("gbk")).decode()}?=" <zhangzhe@hunan-tungsten.com.cn>
To: surveys <surveys@example.com>
Subject: {_gbk_words(subject, 5)}
X-Priority: 3
X-Has-Attach: yes
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202512021645102341789@hunan-tungsten.com.cn>
Content-Type: multipart/mixed; boundary="----=_001_NextPart572182624333_=----\"""",
        "----=_001_NextPart572182624333_=----",
        [
            mime(
                'Content-Type: text/plain; charset="GB2312"\nContent-Transfer-Encoding: base64',
                b64("您好，附件为CMRT，请查收。".encode("gbk")),
            ),
            mime(
                f'Content-Type: application/octet-stream; name="{name}"\nContent-Transfer-Encoding: base64\n'
                f'Content-Disposition: attachment; filename="{name}"',
                b64(template),
            ),
        ],
        preamble="This is a multi-part message in MIME format.\r\n",
    ).encode("ascii")


def forwarded(original: bytes) -> bytes:
    """A colleague forwards the supplier's mail as an attachment (Outlook "Forward as attachment")."""
    boundary = f"fwd-{len(original)}"
    return multipart(
        f"""From: Purchasing Desk <purchasing@precision-parts.de>
To: surveys@example.com
Subject: FW: RE: CMRT request 2026 - Precision Parts GmbH
Date: Tue, 25 Nov 2025 11:00:00 +0000
Message-ID: <fwd-7781@precision-parts.de>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{boundary}\"""",
        boundary,
        [
            mime(
                "Content-Type: text/plain; charset=utf-8",
                "Forwarding Anna's reply, she sent it to me by mistake.",
            ),
            mime("Content-Type: message/rfc822\nContent-Disposition: attachment", original.decode("ascii")),
        ],
    ).encode("ascii")


def two_attachments(template: bytes) -> bytes:
    pdf = b"%PDF-1.4\n% conflict minerals policy\n%%EOF\n"
    return multipart(
        """From: quality@brass-works.co.uk
To: surveys@example.com
Subject: CMRT and policy
Date: Wed, 3 Dec 2025 12:00:00 +0000
Message-ID: <two-att-1@brass-works.co.uk>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2\"""",
        "b2",
        [
            mime("Content-Type: text/plain", "Our CMRT and our policy."),
            mime(
                f'Content-Type: {XLSX_TYPE}; name="CMRT.xlsx"\n'
                'Content-Disposition: attachment; filename="CMRT.xlsx"\nContent-Transfer-Encoding: base64',
                b64(template),
            ),
            mime(
                'Content-Type: application/pdf; name="Policy.pdf"\n'
                'Content-Disposition: attachment; filename="Policy.pdf"\nContent-Transfer-Encoding: base64',
                b64(pdf),
            ),
        ],
    ).encode("ascii")


def our_request(template: bytes, to: str) -> bytes:
    """The mail surveybot sent (what a bounce returns to us, template included)."""
    return multipart(
        f"""From: Supplier Surveys <surveys@example.com>
To: {to}
Subject: CMRT request 2026
Date: Mon, 24 Nov 2025 07:00:00 +0000
Message-ID: {OUR_MESSAGE_ID}
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="req\"""",
        "req",
        [
            mime("Content-Type: text/plain", "Please return the attached CMRT."),
            mime(
                f'Content-Type: {XLSX_TYPE}; name="RMI_CMRT_6.5.xlsx"\n'
                'Content-Disposition: attachment; filename="RMI_CMRT_6.5.xlsx"\n'
                "Content-Transfer-Encoding: base64",
                b64(template),
            ),
        ],
    ).encode("ascii")


def postfix_dsn(returned: bytes) -> bytes:
    """Postfix's RFC 3464 report, returning the full original message (with our template)."""
    return multipart(
        """Return-Path: <>
From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: surveys@example.com
Auto-Submitted: auto-replied
Date: Mon, 24 Nov 2025 07:00:05 +0000 (UTC)
Message-Id: <20251124070005.4F2A11C0@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F2A11C0.1763967605/mx.example.com\"""",
        "4F2A11C0.1763967605/mx.example.com",
        [
            mime(
                "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii",
                "This is the mail system at host mx.example.com.\r\n\r\n"
                "I'm sorry to have to inform you that your message could not\r\n"
                "be delivered to one or more recipients.",
            ),
            mime(
                "Content-Description: Delivery report\nContent-Type: message/delivery-status",
                "Reporting-MTA: dns; mx.example.com\r\nX-Postfix-Queue-ID: 4F2A11C0\r\n"
                "Arrival-Date: Mon, 24 Nov 2025 07:00:01 +0000 (UTC)\r\n\r\n"
                "Final-Recipient: rfc822; buyer@closed-supplier.com\r\n"
                "Original-Recipient: rfc822;buyer@closed-supplier.com\r\n"
                "Action: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.closed-supplier.com\r\n"
                "Diagnostic-Code: smtp; 550 5.1.1 <buyer@closed-supplier.com>: "
                "Recipient address rejected\r\n",
            ),
            mime(
                "Content-Description: Undelivered Message\nContent-Type: message/rfc822",
                returned.decode("ascii"),
            ),
        ],
    ).encode("ascii")


def simple_mail(
    from_header: str, extra_headers: str = "", subject: str = "CMRT", body: str = "Hello"
) -> bytes:
    headers = f"From: {from_header}\nTo: surveys@example.com\nSubject: {subject}\n"
    headers += "Date: Wed, 3 Dec 2025 12:00:00 +0000\n"
    headers += "Message-ID: <simple-1@example.net>\n" + extra_headers.strip("\n")
    return mime(
        headers.strip("\n") + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8", body
    ).encode("utf-8")
