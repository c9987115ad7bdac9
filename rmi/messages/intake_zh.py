# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Chinese wording of the intake rejections (codes from ``rmi.intake.vocabulary``); ``{file}`` is the file name."""

from __future__ import annotations

_XLSX = "请将填写完整的 RMI 模板另存为 Excel 工作簿（.xlsx）后直接作为附件发送"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "文件“{file}”是空的；" + _XLSX + "。",
    "FILE-TOO-LARGE": "文件“{file}”超过大小上限；" + _XLSX + "，不要嵌入图片或多余的工作表。",
    "FILE-ENCRYPTED": "文件“{file}”设置了密码，无法检查；请取消密码，另存为 .xlsx 后重新发送。",
    "FILE-XLS-LEGACY": "文件“{file}”是旧版 Excel 97-2003 格式（.xls）；请在 Excel 中另存为 .xlsx 后发送。",
    "FILE-XLSB": "文件“{file}”是 Excel 二进制工作簿（.xlsb）；请在 Excel 中另存为 .xlsx 后发送。",
    "FILE-ODS": "文件“{file}”是 OpenDocument 表格（.ods）；请另存为 Excel 工作簿（.xlsx）后发送。",
    "FILE-XLSM-MACRO": "文件“{file}”启用了宏（.xlsm）：我们只读取数据，不会运行宏，但下次请以 .xlsx 返回 RMI 模板。",
    "FILE-ARCHIVE-7Z": "文件“{file}”是 7-Zip 压缩包，我们不会打开；请直接附上 .xlsx 文件。",
    "FILE-ARCHIVE-RAR": "文件“{file}”是 RAR 压缩包，我们不会打开；请直接附上 .xlsx 文件。",
    "FILE-ARCHIVE-OTHER": "文件“{file}”是压缩文件，我们不会打开；请直接附上 .xlsx 文件。",
    "FILE-ZIP-MULTIPLE": "压缩包“{file}”中有多个工作簿；请将每份模板分别作为 .xlsx 附件发送。",
    "FILE-ZIP-NO-WORKBOOK": "压缩包“{file}”中没有 Excel 工作簿；" + _XLSX + "。",
    "FILE-ZIP-NESTED": "文件“{file}”是嵌套的压缩包；请直接附上 .xlsx 文件。",
    "FILE-ZIP-EXTRA-FILES": "我们检查了压缩包“{file}”中的工作簿，并忽略了其中的其他文件。",
    "FILE-PDF": "文件“{file}”是 PDF，无法检查；" + _XLSX + "，不要发送 PDF 或打印件。",
    "FILE-IMAGE": "文件“{file}”是图片，无法检查；" + _XLSX + "，不要发送截图或扫描件。",
    "FILE-WINMAIL": "文件“{file}”是 Outlook 的 winmail.dat 格式；请以普通附件（非 RTF 格式）重新发送 .xlsx 文件。",
    "FILE-OFFICE-OTHER": "文件“{file}”是其他 Office 文档，不是 Excel 工作簿；" + _XLSX + "。",
    "FILE-TEXT": "文件“{file}”是文本文件（例如 CSV），不是模板；" + _XLSX + "。",
    "FILE-UNKNOWN": "无法识别文件“{file}”的格式；" + _XLSX + "。",
    "FILE-CORRUPT-ZIP": "文件“{file}”已损坏或不完整；请在 Excel 中重新保存后再次发送。",
    "FILE-CORRUPT-XLSX": "文件“{file}”已损坏；请在 Excel 中打开并另存为 .xlsx 后再次发送。",
    "FILE-CORRUPT-OFFICE": "文件“{file}”已损坏；请在 Excel 中打开并另存为 .xlsx 后再次发送。",
    "FILE-ZIP-BOMB": "文件“{file}”解压后过大，出于安全原因未打开；" + _XLSX + "。",
    "FILE-XML-UNSAFE": "文件“{file}”含有不安全的内容，出于安全原因未打开；请在 Excel 中另存为 .xlsx 后发送。",
    "FILE-UNREADABLE": "无法读取文件“{file}”；请在 Excel 中另存为 .xlsx 后再次发送。",
}
