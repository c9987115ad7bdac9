# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Japanese wording of the intake rejections (codes from ``rmi.intake.vocabulary``); ``{file}`` is the file name."""

from __future__ import annotations

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
