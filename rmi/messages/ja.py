# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Japanese message catalogue; keys and placeholders mirror ``en.py`` exactly.

Sheet names stay in English because the template's sheet tabs are English in every language.
"""

from __future__ import annotations

from rmi.messages.forms import Text

MESSAGES: dict[str, Text] = {
    "field.missing": "{field}が入力されていません。{sheet}!{cell} に入力してください。",
    "field.email_no_at": "{sheet}!{cell} の{field}はメールアドレスではありません（「@」がありません）：「{value}」。name@company.com のような完全なアドレスを入力してください。",
    "scope.description_missing": "申告範囲 C（ユーザー定義）には範囲の説明が必要です。{sheet}!{cell} に範囲を記述してください。",
    "products.missing": "申告範囲 B（製品）には製品リストが必要ですが、{sheet}!{cell} が空欄です。Product List シートの 6 行目から製品を記入してください。",
    "minerals.none_selected": "鉱物・金属が選択されていません。{sheet}!{cell} とその隣のセルで少なくとも 1 つ選択してください。",
    "minerals.other_unnamed": "{sheet}!{cell} で「Other」（その他）が選択されていますが、鉱物名がありません。3 行下のセル（{sheet}!{name_cell}）に名称を入力してください。",
    "answer.missing": "{mineral}の質問 {question} が未回答です。{sheet}!{cell} で回答を選択してください。",
    "answer.optional_missing": "{mineral}の質問 {question} が未回答です。任意の質問ですが、お客様が回答を求めています。{sheet}!{cell} で回答を選択してください。",
    "answer.gate_missing": "{mineral}の質問 {question} が未回答のため、Checker はどの後続の質問と製錬所が必要か判断できません。{sheet}!{cell} で回答を選択してください。",
    "answer.not_allowed": "{sheet}!{cell} の「{value}」は、このセルで選択できる回答ではありません。ドロップダウンリストから選択してください：{allowed}。",
    "answer.hidden_prefill": "非表示のセル {sheet}!{cell} にはテンプレートに最初から入っている「No」が必要ですが、変更または削除されています。RMI のウェブサイトから新しいテンプレートをダウンロードし、回答を転記してください。",
    "company.missing": "会社レベルの質問 {question} が未回答です。{sheet}!{cell} で回答を選択してください。",
    "company.mineral_missing": "{mineral}の会社レベルの質問 {question} が未回答です。{sheet}!{cell} で回答を選択してください。",
    "company.url_missing": "会社レベルの質問 {question} の回答が「はい」のため、コメント欄に方針のウェブアドレス（URL）が必要です。{sheet}!{cell} に URL を入力してください。",
    "company.url_invalid": "{sheet}!{cell} のコメントは方針のウェブアドレスであるべきですが、「{value}」は URL に見えません。https://www.company.com/policy のような URL を入力してください。",
    "company.describe_missing": "会社レベルの質問 {question} の回答が「その他の形式を使用（説明）」ですが、説明がありません。コメント欄 {sheet}!{cell} に形式を説明してください。",
    "smelters.missing": "申告では{mineral}が製品に含まれるとされていますが、{mineral}の製錬所が記載されていません。Smelter List に金属「{mineral}」の行を少なくとも 1 行追加し、「{lookup_column}」列で製錬所を選択するか、{mineral}の質問 1 または 2 に「いいえ」と回答してください。",
    "smelter.not_listed_no_name": "Smelter List の {row} 行目は「Smelter not listed」を使用していますが、製錬所名がありません。{sheet}!{cell} に名称を入力してください。",
    "smelter.not_listed_no_country": "Smelter List の {row} 行目は「Smelter not listed」を使用していますが、国がありません。{sheet}!{cell} で国を選択してください。",
    "smelter.no_smelter_chosen": "Smelter List の {row} 行目に金属{metal}がありますが、製錬所が選択されていません。{sheet}!{cell}（「{column}」列）で製錬所を選択するか、行を削除してください。",
    "smelter.no_name": "Smelter List の {row} 行目に製錬所名がありません。{sheet}!{cell} に入力してください。",
    "smelter.no_country": "Smelter List の {row} 行目に国がありません。{sheet}!{cell} で選択してください。",
    "smelter.not_in_rmi_list": "Smelter List の {row} 行目の「{name}」は RMI の製錬所リストにありません。「{lookup_column}」列に別名で掲載されていないか確認してください。掲載されていない場合は、特定できるよう住所・都市・連絡先を漏れなく記入してください。",
    "smelter.excluded_metal": "Smelter List に{mineral}の製錬所が {count} 行あります（最初は {row} 行目）が、申告では{mineral}の質問 {question} に「いいえ」と回答しています。それらの行を削除するか、Declaration!{answer_cell} の回答を修正してください。",
    "smelter.duplicate": "Smelter List の {row} 行目は {first_row} 行目と同じ製錬所で（{smelter}、{cid}）、入力されたすべての列の内容も同じため、1 行にまとめられます。どちらか 1 行を削除してください。",
    "smelter_id.pasted_other_smelter": "Smelter List の {row} 行目で、{sheet}!{cell} の製錬所識別番号の数式の上に「{value}」が入力されていますが、この行で選択された製錬所は {chosen_cid} です。入力した値を削除し（未使用の行から数式をコピーして戻してください）、C 列で製錬所を選択するか A 列に番号を入力してください。",
    "smelter_id.pasted_wrong_metal": "Smelter List の {row} 行目で、{sheet}!{cell} の製錬所識別番号の数式の上に「{value}」が入力されています。これは{cid_metal}の製錬所ですが、この行の金属は{metal}です。入力した値を削除し（未使用の行から数式をコピーして戻してください）、C 列で製錬所を選択するか A 列に番号を入力してください。",
    "cid.unknown_unidentified": "{sheet}!{cell} の製錬所番号 {cid} はこのテンプレートの製錬所リストにないため、{row} 行目ではどの製錬所も特定されていません（ルックアップ列が #N/A になっています）。番号を確認するか、C 列で名称から製錬所を選択してください。リストにない場合は「Smelter not listed」を選び、名称と国を入力してください。",
    "cid.malformed": "{sheet}!{cell} の「{cid}」は製錬所識別番号ではありません。RMI の番号は CID001234 の形式です。番号を入力するか、空欄にして名称で製錬所を選択してください。",
    "cid.unknown": "{sheet}!{cell} の製錬所番号 {cid} は、このテンプレートの製錬所リストにありません。番号を確認してください。最近追加された製錬所の場合は、最新版のテンプレートを使用してください。",
    "cid.wrong_metal": "{sheet}!{cell} の製錬所番号 {cid} は{cid_metal}の製錬所ですが、この行の金属は{metal}です。番号または金属を修正してください。",
    "cid.mismatch": "Smelter List の {row} 行目の A 列には {typed} と入力されていますが、この行で選択された製錬所は {filled} です。{sheet}!{cell} の番号と選択した製錬所を一致させてください。",
    "date.future": "{sheet}!{cell} の発効日 {date} は未来の日付です。申告が有効となる日付を、本日以前で入力してください。",
    "date.text": "{sheet}!{cell} の発効日が文字列として入力されています（「{value}」）。他の国で誤って解釈されないよう、31-Jan-2025 のような日付として入力してください。",
    "date.text_understood": "{sheet}!{cell} の発効日が文字列として入力されています（「{value}」）。{date} と読み取りました。次回は 31-Jan-2025 のような日付として入力してください。",
    "date.ambiguous": "{sheet}!{cell} の発効日が文字列として入力されています（「{value}」）。国によって {first} とも {second} とも読めます。31-Jan-2025 のような日付として入力してください。",
    "date.before_campaign": "{sheet}!{cell} の発効日 {date} は、この調査で受け付ける最も早い日付 {dated_from} より前です。申告内容を見直し、現在の日付で再送してください。",
    "date.stale": "{sheet}!{cell} の発効日 {date} は {months} か月以上前です。申告内容を見直し、現在の日付で再送してください。",
    "contact.placeholder": "{sheet}!{cell} の{field}が「{value}」となっており、人物を特定できません。実際の情報を入力してください。",
    "email.invalid": "{sheet}!{cell} の{field}は有効なメールアドレスではありません：「{value}」。name@company.com のようなアドレスを 1 つ入力してください。",
    "template.outdated": "このファイルは {family} 改訂版 {version} です。最新の改訂版は {newest} です。次回は RMI のウェブサイトから最新のテンプレートを使用してください。",
    "template.below_minimum": "このファイルは {family} 改訂版 {version} ですが、本調査では改訂版 {minimum} 以降が必要です。RMI のウェブサイトから最新のテンプレートをダウンロードし、回答を転記してください。",
    "template.prerelease": "このファイルは {family} のプレリリース版（{version}）であり、受け付けられません。RMI のウェブサイトから正式版のテンプレートをダウンロードし、回答を転記してください。",
    "formulas.uncached": "このファイルには一度も計算されていない数式セルが {count} 個あります（表計算ソフトではなくプログラムで作成されたファイルです）。Excel または LibreOffice で開いて保存し、再送してください。",
    "file.rejected": "添付ファイルを受け付けられませんでした：{reason}",
    "file.not_a_template": "このファイルは RMI 報告テンプレート（CMRT、EMRT、CRT、AMRT）ではありません。記入済みのテンプレートを .xlsx ファイルで送付してください。",
    "file.unreadable": "テンプレートを読み取れませんでした。Excel で開き、.xlsx として保存してから再送してください。",
    "file.note": "{reason}",
    "template.read_as": "このファイルは {family} 改訂版 {version} で、セル単位で確認している改訂版より新しいものです。セル配置が {family} {read_as} と一致するため、{read_as} 互換として読み取りました。",
    "template.retired": "このファイル（{file}）は {family} 改訂版 {version} で、現在は受け付けていない改訂版です。現行の改訂版は {family} {current} です。本メールに添付した空のテンプレートに回答を転記し、返送してください。",
    "template.retired.outside_mail": "このファイル（{file}）は {family} 改訂版 {version} で、現在は受け付けていない改訂版です。現行の改訂版は {family} {current} です。回答を空の {family} {current} テンプレートに転記する必要があります（surveybot の返信メールにはそのテンプレートを添付します）。",
    "template.held": "{family} 改訂版 {version}（{file}）を受け取りました。自動確認の対象より新しい改訂版のため、担当者が確認してご連絡します。現時点でお客様に対応いただくことはありません。",
    "file.xls_revision": "{file} は {family} 改訂版 {version} で、旧形式の Excel 97-2003（.xls）で保存されています。Excel で開き、「ファイル > 名前を付けて保存 > Excel ブック（.xlsx）」を選んで保存したファイルを送付してください。",
    "template.unsupported": "RMI テンプレートのようですが、この改訂版は確認できません。RMI のウェブサイトから最新のテンプレートを使用してください。",
}

TERMS: dict[str, str] = {
    "field.company_name": "会社名",
    "field.declaration_scope": "申告範囲",
    "field.scope_description": "範囲の説明",
    "field.contact_name": "担当者名",
    "field.contact_email": "担当者のメールアドレス",
    "field.contact_phone": "担当者の電話番号",
    "field.authorizer_name": "承認者",
    "field.authorizer_email": "承認者のメールアドレス",
    "field.authorizer_title": "承認者の役職",
    "field.authorizer_phone": "承認者の電話番号",
    "field.effective_date": "発効日",
    "mineral.Tantalum": "タンタル",
    "mineral.Tin": "スズ",
    "mineral.Gold": "金",
    "mineral.Tungsten": "タングステン",
    "mineral.Cobalt": "コバルト",
    "mineral.Mica": "マイカ",
    "mineral.Copper": "銅",
    "mineral.Graphite": "黒鉛",
    "mineral.Lithium": "リチウム",
    "mineral.Nickel": "ニッケル",
    "mineral.Aluminum": "アルミニウム",
    "mineral.Silver": "銀",
    "mineral.Zinc": "亜鉛",
    "mineral.Palladium": "パラジウム",
    "mineral.Platinum": "白金",
    "mineral.Manganese": "マンガン",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "記入済みの RMI テンプレートを Excel ブック（.xlsx）として保存し、そのまま添付してください"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "ファイル「{file}」は空です。" + _XLSX + "。",
    "FILE-TOO-LARGE": "ファイル「{file}」はサイズ上限を超えています。画像や余分なシートを含めずに、"
    + _XLSX
    + "。",
    "FILE-ENCRYPTED": "ファイル「{file}」はパスワードで保護されているため確認できません。パスワードを解除し、.xlsx で保存して再送してください。",
    "FILE-XLS-LEGACY": "ファイル「{file}」は旧形式の Excel 97-2003（.xls）です。Excel で .xlsx として保存して送付してください。",
    "FILE-XLSB": "ファイル「{file}」は Excel バイナリブック（.xlsb）です。Excel で .xlsx として保存して送付してください。",
    "FILE-ODS": "ファイル「{file}」は OpenDocument スプレッドシート（.ods）です。Excel ブック（.xlsx）として保存して送付してください。",
    "FILE-XLSM-MACRO": "ファイル「{file}」はマクロ有効ブック（.xlsm）です。データのみ読み取り、マクロは実行しませんが、次回は .xlsx でご返送ください。",
    "FILE-ARCHIVE-7Z": "ファイル「{file}」は 7-Zip 圧縮ファイルのため開きません。.xlsx ファイルを直接添付してください。",
    "FILE-ARCHIVE-RAR": "ファイル「{file}」は RAR 圧縮ファイルのため開きません。.xlsx ファイルを直接添付してください。",
    "FILE-ARCHIVE-OTHER": "ファイル「{file}」は圧縮ファイルのため開きません。.xlsx ファイルを直接添付してください。",
    "FILE-ZIP-MULTIPLE": "圧縮ファイル「{file}」に複数のブックが含まれています。テンプレートごとに .xlsx として個別に添付してください。",
    "FILE-ZIP-NO-WORKBOOK": "圧縮ファイル「{file}」に Excel ブックが含まれていません。" + _XLSX + "。",
    "FILE-ZIP-NESTED": "ファイル「{file}」は二重の圧縮ファイルです。.xlsx ファイルを直接添付してください。",
    "FILE-ZIP-EXTRA-FILES": "圧縮ファイル「{file}」のブックを確認し、その他のファイルは無視しました。",
    "FILE-PDF": "ファイル「{file}」は PDF のため確認できません。PDF や印刷物ではなく、" + _XLSX + "。",
    "FILE-IMAGE": "ファイル「{file}」は画像のため確認できません。スクリーンショットやスキャンではなく、"
    + _XLSX
    + "。",
    "FILE-WINMAIL": "ファイル「{file}」は Outlook の winmail.dat 形式です。リッチテキスト以外の形式で .xlsx を再送してください。",
    "FILE-OFFICE-OTHER": "ファイル「{file}」は Excel ブックではない Office 文書です。" + _XLSX + "。",
    "FILE-TEXT": "ファイル「{file}」はテキストファイル（CSV など）で、テンプレートではありません。"
    + _XLSX
    + "。",
    "FILE-UNKNOWN": "ファイル「{file}」の形式を判別できません。" + _XLSX + "。",
    "FILE-CORRUPT-ZIP": "ファイル「{file}」は破損しているか不完全です。Excel で保存し直して再送してください。",
    "FILE-CORRUPT-XLSX": "ファイル「{file}」は破損しています。Excel で開き、.xlsx として保存し直して再送してください。",
    "FILE-CORRUPT-OFFICE": "ファイル「{file}」は破損しています。Excel で開き、.xlsx として保存し直して再送してください。",
    "FILE-ZIP-BOMB": "ファイル「{file}」は展開後のサイズが大きすぎるため、安全上の理由で開きませんでした。"
    + _XLSX
    + "。",
    "FILE-XML-UNSAFE": "ファイル「{file}」に安全でない内容が含まれているため開きませんでした。Excel で .xlsx として保存して送付してください。",
    "FILE-UNREADABLE": "ファイル「{file}」を読み取れませんでした。Excel で .xlsx として保存して再送してください。",
}

LABEL_QUOTE = "「{label}」"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "報告テンプレートの確認結果",
        "sep": "、",
        "greeting": "{name} ご担当者様",
        "intro_one": "メールをお送りいただきありがとうございます。お送りいただいたファイルを確認しました。",
        "intro_many": "メールをお送りいただきありがとうございます。お送りいただいた {count} 件のファイルを確認しました。",
        "accepted": "受理しました：{family} リビジョン {version}",
        "scope": "申告範囲：",
        "metals": "対象金属：",
        "smelters": "記載された製錬所の数：",
        "not_stated": "未記入",
        "none": "なし",
        "rejected": "まだ受理できません：{family} リビジョン {version}",
        "please_fix": "以下の点をファイル内で修正し、このメールへの返信として再度お送りください。",
        "sheet_cell": "シート「{sheet}」、セル {cell}：",
        "sheet_only": "シート「{sheet}」：",
        "held": "受領しました：担当者が確認します",
        "attached": "本メールの添付ファイル：{files}（空のテンプレート）。",
        "unreadable": "このファイルは使用できませんでした",
        "send_instead": "空のテンプレートが必要な場合：https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "あわせてご確認ください（受理には影響しません）：",
        "automatic": "このメールは自動送信されています。ご質問がある場合は、このメールにご返信ください。担当者が確認いたします。",
        "closing": "よろしくお願いいたします。",
    },
    "ask": {
        "intro": "メールをお送りいただきありがとうございます。記入済みの報告テンプレートが添付されていませんでした。",
        "other_files": "{files} を受け取りましたが、これらは本調査には使用できません。",
        "wanted": "記入済みの {family} を Excel ファイル（.xlsx）として、このメールへの返信に添付してお送りください。",
        "min_version": "テンプレートはリビジョン {version} 以降をご使用ください。",
        "due": "ご提出期限は {due} です。",
        "generic": "記入済みの RMI 報告テンプレート（CMRT、EMRT、CRT または AMRT）を Excel ファイル（.xlsx）として、このメールへの返信に添付してお送りください。",
        "download": "空のテンプレートは https://www.responsiblemineralsinitiative.org/reporting-templates/ からダウンロードできます。",
    },
    "reminder": {
        "subject": "リマインダー：{supplier} 様の {family}（期限：{due}）",
        "title": "リマインダー：報告テンプレートについて",
        "dear": "{name} 様",
        "why_missing": "{campaign} 調査についてのリマインダーです。記入済みの {family} をまだ受け取っておりません。",
        "why_overdue": "{campaign} 調査についてのリマインダーです。{family} の提出期限を過ぎましたが、有効なファイルをまだ受け取っておりません。",
        "why_rejected": "{campaign} 調査についてのリマインダーです。前回お送りいただいた {family} は受理できませんでした。修正したファイルをお送りください。",
        "ask": "{due} までに、{supplier} の {family} を Excel ファイル（.xlsx）として、このメールへの返信に添付してお送りください。",
        "min_version": "テンプレートはリビジョン {version} 以降をご使用ください。",
        "not_applicable": "貴社が対象鉱物を使用していない場合、または別の方が回答される場合は、このメールにご返信のうえお知らせください。",
        "thanks": "よろしくお願いいたします。",
    },
    "own_declaration": {
        "title": "お送りいただいたファイルについて",
        "greeting": "{name} ご担当者様",
        "named": "{file} をお送りいただきありがとうございます。このファイルに記載された会社名は「{in_file}」で、{name} ではありません。",
        "please": "本調査では貴社ご自身の申告が必要です。{name} の記入済みテンプレートを添付してこのメールにご返信いただくか、このファイルが正しい理由（例えば {in_file} が貴社に代わって申告している場合）をお知らせください。",
        "closing": "よろしくお願いいたします。",
    },
}
