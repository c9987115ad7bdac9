# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Korean message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (합쇼체: -습니다, -십시오). Sheet names stay in English because the template's sheet
tabs are English in every language; answers are named with the words of the Korean template (“예”,
“아니오”). Korean nouns do not change after a number, so counted texts have one form.
"""

from __future__ import annotations

from rmi.messages.forms import Text

MESSAGES: dict[str, Text] = {
    "field.missing": "{field} 항목이 비어 있습니다. {sheet}!{cell}에 입력하십시오.",
    "field.email_no_at": "{sheet}!{cell}의 {field} 항목은 이메일 주소가 아닙니다(“@”가 없음): “{value}”. name@company.com과 같이 전체 주소를 입력하십시오.",
    "scope.description_missing": "선언 범위 C(사용자 정의)에는 범위 설명이 필요합니다. {sheet}!{cell}에 범위를 기술하십시오.",
    "products.missing": "선언 범위 B(제품)에는 제품 목록이 필요하지만 {sheet}!{cell}이(가) 비어 있습니다. Product List 시트의 6행부터 제품을 기재하십시오.",
    "minerals.none_selected": "선택된 광물이나 금속이 없습니다. {sheet}!{cell} 및 인접한 셀에서 하나 이상 선택하십시오.",
    "minerals.other_unnamed": "{sheet}!{cell}에서 “Other”(기타)를 선택했지만 광물 이름이 없습니다. 세 행 아래의 셀({sheet}!{name_cell})에 이름을 입력하십시오.",
    "answer.missing": "{mineral}에 대한 질문 {question}에 답변하지 않았습니다. {sheet}!{cell}에서 답변을 선택하십시오.",
    "answer.optional_missing": "{mineral}에 대한 질문 {question}에 답변하지 않았습니다. 선택 질문이지만 귀사의 고객사가 답변을 요청하고 있으므로 {sheet}!{cell}에서 답변을 선택하십시오.",
    "answer.gate_missing": "{mineral}에 대한 질문 {question}에 답변하지 않아 Checker가 이후 어떤 질문과 제련소가 해당되는지 판단할 수 없습니다. {sheet}!{cell}에서 답변을 선택하십시오.",
    "answer.not_allowed": "{sheet}!{cell}의 “{value}”은(는) 이 셀에서 허용되는 답변이 아닙니다. 드롭다운 목록에서 선택하십시오: {allowed}.",
    "answer.hidden_prefill": "숨겨진 셀 {sheet}!{cell}에는 템플릿에 원래 들어 있는 “No”가 유지되어야 하지만 변경되었거나 삭제되었습니다. RMI 웹사이트에서 새 템플릿을 내려받아 답변을 옮겨 적으십시오.",
    "company.missing": "회사 차원의 질문 {question}에 답변하지 않았습니다. {sheet}!{cell}에서 답변을 선택하십시오.",
    "company.mineral_missing": "{mineral}에 대한 회사 차원의 질문 {question}에 답변하지 않았습니다. {sheet}!{cell}에서 답변을 선택하십시오.",
    "company.url_missing": "회사 차원의 질문 {question}에 “예”라고 답변했으므로 비고에 해당 정책의 웹 주소(URL)를 기재해야 합니다. {sheet}!{cell}에 URL을 입력하십시오.",
    "company.url_invalid": "{sheet}!{cell}의 비고에는 귀사 정책의 웹 주소가 기재되어야 하지만 “{value}”은(는) 웹 주소로 보이지 않습니다. https://www.company.com/policy와 같은 URL을 입력하십시오.",
    "company.describe_missing": "회사 차원의 질문 {question}에 “예, 다른 형식 사용(설명 필수)”이라고 답변했지만 설명이 없습니다. 비고 {sheet}!{cell}에 형식을 설명하십시오.",
    "smelters.missing": "선언서에는 {mineral}이(가) 귀사 제품에 포함되어 있다고 되어 있지만 {mineral} 제련소가 기재되어 있지 않습니다. Smelter List 시트에 금속이 “{mineral}”이고 “{lookup_column}” 열에서 제련소를 선택한 행을 하나 이상 추가하거나, {mineral}에 대한 질문 1 또는 2에 “아니오”라고 답변하십시오.",
    "smelter.not_listed_no_name": "Smelter List {row}행에서 “Smelter not listed”를 선택했지만 제련소 이름이 없습니다. {sheet}!{cell}에 이름을 입력하십시오.",
    "smelter.not_listed_no_country": "Smelter List {row}행에서 “Smelter not listed”를 선택했지만 국가가 없습니다. {sheet}!{cell}에서 국가를 선택하십시오.",
    "smelter.no_smelter_chosen": "Smelter List {row}행에 금속 {metal}은(는) 있지만 제련소가 선택되지 않았습니다. {sheet}!{cell}(“{column}” 열)에서 제련소를 선택하거나 해당 행을 삭제하십시오.",
    "smelter.no_name": "Smelter List {row}행에 제련소 이름이 없습니다. {sheet}!{cell}에 입력하십시오.",
    "smelter.no_country": "Smelter List {row}행에 국가가 없습니다. {sheet}!{cell}에서 선택하십시오.",
    "smelter.not_in_rmi_list": "Smelter List {row}행의 “{name}”은(는) RMI 제련소 목록에 없습니다. “{lookup_column}” 열에 다른 이름으로 등록되어 있는지 확인하십시오. 등록되어 있지 않으면 제련소를 식별할 수 있도록 도로명, 도시, 연락처 정보를 빠짐없이 기재하십시오.",
    "smelter.excluded_metal": "Smelter List에 {mineral} 행이 {count}개 있지만(첫 번째 행: {row}행), 선언서는 {mineral}에 대한 질문 {question}에 “아니오”라고 답변했습니다. 해당 행을 삭제하거나 Declaration!{answer_cell}의 답변을 수정하십시오.",
    "smelter.duplicate": "Smelter List {row}행은 {first_row}행({smelter}, {cid})과 입력된 모든 열의 내용이 같으므로 두 행을 하나로 합칠 수 있습니다. 둘 중 한 행을 삭제하십시오.",
    "smelter_id.pasted_other_smelter": "Smelter List {row}행의 {sheet}!{cell}에 있는 제련소 식별번호 수식 위에 “{value}”이(가) 입력되어 있지만, 이 행에서 선택한 제련소는 {chosen_cid}입니다. 입력한 값을 삭제하고(사용하지 않는 행에서 수식을 복사해 되돌리십시오) C열에서 제련소를 선택하거나 A열에 번호를 입력하십시오.",
    "smelter_id.pasted_wrong_metal": "Smelter List {row}행의 {sheet}!{cell}에 있는 제련소 식별번호 수식 위에 “{value}”이(가) 입력되어 있습니다. 이는 {cid_metal} 제련소이지만 이 행의 금속은 {metal}입니다. 입력한 값을 삭제하고(사용하지 않는 행에서 수식을 복사해 되돌리십시오) C열에서 제련소를 선택하거나 A열에 번호를 입력하십시오.",
    "cid.unknown_unidentified": "{sheet}!{cell}의 제련소 번호 {cid}은(는) 이 템플릿의 제련소 목록에 없으므로 {row}행은 어떤 제련소도 식별하지 못합니다(조회 열에 #N/A가 표시됨). 번호를 확인하거나 C열에서 이름으로 제련소를 선택하십시오. 목록에 없으면 “Smelter not listed”를 선택하고 이름과 국가를 입력하십시오.",
    "cid.malformed": "{sheet}!{cell}의 “{cid}”은(는) 제련소 식별번호가 아닙니다. RMI 번호는 CID001234 형식입니다. 올바른 번호를 입력하거나 셀을 비워 두고 이름으로 제련소를 선택하십시오.",
    "cid.unknown": "{sheet}!{cell}의 제련소 번호 {cid}은(는) 이 템플릿의 제련소 목록에 없습니다. 번호를 확인하십시오. 최근에 추가된 제련소라면 최신 개정판 템플릿을 사용하십시오.",
    "cid.wrong_metal": "{sheet}!{cell}의 제련소 번호 {cid}은(는) {cid_metal} 제련소이지만 이 행의 금속은 {metal}입니다. 번호 또는 금속을 수정하십시오.",
    "cid.mismatch": "Smelter List {row}행의 A열에는 {typed}이(가) 입력되어 있지만 이 행에서 선택한 제련소는 {filled}입니다. {sheet}!{cell}의 번호와 선택한 제련소를 일치시키십시오.",
    "date.future": "{sheet}!{cell}의 시행일 {date}은(는) 미래의 날짜입니다. 선언이 유효한 시작일을 오늘 이전 날짜로 입력하십시오.",
    "date.text": "{sheet}!{cell}의 시행일이 텍스트로 입력되어 있습니다(“{value}”). 다른 국가에서 다르게 읽히지 않도록 31-Jan-2025와 같이 날짜로 입력하십시오.",
    "date.text_understood": "{sheet}!{cell}의 시행일이 텍스트로 입력되어 있습니다(“{value}”). {date}(으)로 읽었습니다. 다음에는 31-Jan-2025와 같이 날짜로 입력하십시오.",
    "date.ambiguous": "{sheet}!{cell}의 시행일이 텍스트로 입력되어 있으며(“{value}”), 국가에 따라 {first} 또는 {second}(으)로 읽힐 수 있습니다. 31-Jan-2025와 같이 날짜로 입력하십시오.",
    "date.before_campaign": "{sheet}!{cell}의 시행일 {date}은(는) 이번 조사가 인정하는 가장 이른 날짜인 {dated_from}보다 앞섭니다. 선언 내용을 검토하신 후 현재 날짜로 다시 보내 주십시오.",
    "date.stale": "{sheet}!{cell}의 시행일 {date}은(는) {months}개월 이상 지났습니다. 선언 내용을 검토하신 후 현재 날짜로 다시 보내 주십시오.",
    "contact.placeholder": "{sheet}!{cell}의 {field} 항목이 “{value}”(으)로 되어 있어 특정인을 가리키지 않습니다. 실제 정보를 입력하십시오.",
    "email.invalid": "{sheet}!{cell}의 {field} 항목은 유효한 이메일 주소가 아닙니다: “{value}”. name@company.com과 같이 주소 하나를 입력하십시오.",
    "template.outdated": "이 파일은 {family} 개정판 {version}이며, 최신 개정판은 {newest}입니다. 다음에는 RMI 웹사이트의 최신 템플릿을 사용하십시오.",
    "template.below_minimum": "이 파일은 {family} 개정판 {version}이지만, 이번 조사에서는 개정판 {minimum} 이상을 요구합니다. RMI 웹사이트에서 최신 템플릿을 내려받아 답변을 옮겨 적으십시오.",
    "template.prerelease": "이 파일은 {family}의 사전 공개판({version})으로 접수할 수 없습니다. RMI 웹사이트에서 정식 공개된 템플릿을 내려받아 답변을 옮겨 적으십시오.",
    "formulas.uncached": "이 파일에는 한 번도 계산되지 않은 수식 셀이 {count}개 있습니다(스프레드시트 프로그램으로 저장된 것이 아니라 프로그램으로 생성된 파일입니다). Excel 또는 LibreOffice에서 열어 저장한 후 다시 보내 주십시오.",
    "file.rejected": "첨부 파일을 접수할 수 없습니다: {reason}",
    "file.not_a_template": "이 파일은 RMI 보고 템플릿(CMRT, EMRT, CRT 또는 AMRT)이 아닙니다. 작성한 템플릿을 .xlsx 파일로 보내 주십시오.",
    "file.unreadable": "템플릿을 읽을 수 없습니다. Excel에서 열어 .xlsx로 저장한 후 다시 보내 주십시오.",
    "file.note": "{reason}",
    "template.read_as": "이 파일은 {family} 개정판 {version}으로, 셀 단위로 검사하는 개정판보다 최신입니다. 셀 구성이 {family} {read_as}와(과) 일치하므로 {read_as} 호환 형식으로 읽었습니다.",
    "template.retired": "이 파일({file})은 {family} 개정판 {version}으로, 더 이상 접수하지 않는 개정판입니다. 현행 개정판은 {family} {current}입니다. 이 메일에 첨부한 빈 템플릿에 답변을 옮겨 적어 회신해 주십시오.",
    "template.retired.outside_mail": "이 파일({file})은 {family} 개정판 {version}으로, 더 이상 접수하지 않는 개정판입니다. 현행 개정판은 {family} {current}입니다. 답변을 빈 {family} {current} 템플릿에 옮겨 적어야 합니다(surveybot의 회신 메일에 템플릿이 첨부됩니다).",
    "template.held": "{family} 개정판 {version}({file})을(를) 받았습니다. 자동으로 검사하는 개정판보다 최신이므로 담당자가 확인한 후 회신드리겠습니다. 지금은 따로 하실 일이 없습니다.",
    "file.xls_revision": "{file}은(는) {family} 개정판 {version}이며, 이전 Excel 97-2003 형식(.xls)으로 저장되어 있습니다. Excel에서 열어 파일 > 다른 이름으로 저장 > Excel 통합 문서(.xlsx)를 선택한 후 그 파일을 보내 주십시오.",
    "template.unsupported": "RMI 템플릿으로 보이지만 검사할 수 없는 개정판입니다. RMI 웹사이트의 최신 템플릿을 사용하십시오.",
}

TERMS: dict[str, str] = {
    "field.company_name": "회사명",
    "field.declaration_scope": "선언 범위",
    "field.scope_description": "범위 설명",
    "field.contact_name": "담당자 이름",
    "field.contact_email": "담당자 이메일",
    "field.contact_phone": "담당자 전화번호",
    "field.authorizer_name": "책임자",
    "field.authorizer_email": "책임자 이메일",
    "field.authorizer_title": "책임자 직위",
    "field.authorizer_phone": "책임자 전화번호",
    "field.effective_date": "시행일",
    "mineral.Tantalum": "탄탈륨",
    "mineral.Tin": "주석",
    "mineral.Gold": "금",
    "mineral.Tungsten": "텅스텐",
    "mineral.Cobalt": "코발트",
    "mineral.Mica": "운모",
    "mineral.Copper": "구리",
    "mineral.Graphite": "흑연",
    "mineral.Lithium": "리튬",
    "mineral.Nickel": "니켈",
    "mineral.Aluminum": "알루미늄",
    "mineral.Silver": "은",
    "mineral.Zinc": "아연",
    "mineral.Palladium": "팔라듐",
    "mineral.Platinum": "백금",
    "mineral.Manganese": "망간",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "작성한 RMI 템플릿을 Excel 통합 문서(.xlsx)로 저장하여 직접 첨부해 주십시오"
_SAVE = (
    "Excel에서 열어 파일 > 다른 이름으로 저장 > Excel 통합 문서(.xlsx)를 선택한 후 그 파일을 보내 주십시오"
)

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "파일 “{file}”이(가) 비어 있습니다. " + _XLSX + ".",
    "FILE-TOO-LARGE": "파일 “{file}”이(가) 허용 크기를 초과합니다. 이미지나 불필요한 시트를 포함하지 말고 "
    + _XLSX
    + ".",
    "FILE-ENCRYPTED": "파일 “{file}”에 암호가 설정되어 있어 검사할 수 없습니다. 암호를 해제하고 .xlsx로 저장한 후 다시 보내 주십시오.",
    "FILE-XLS-LEGACY": "파일 “{file}”은(는) 이전 Excel 97-2003 형식(.xls)입니다. " + _SAVE + ".",
    "FILE-XLSB": "파일 “{file}”은(는) Excel 바이너리 통합 문서(.xlsb)입니다. " + _SAVE + ".",
    "FILE-ODS": "파일 “{file}”은(는) OpenDocument 스프레드시트(.ods)입니다. Excel 통합 문서(.xlsx)로 저장한 후 그 파일을 보내 주십시오.",
    "FILE-XLSM-MACRO": "파일 “{file}”은(는) 매크로 사용 통합 문서(.xlsm)입니다. 데이터만 읽고 매크로는 실행하지 않지만, 다음에는 RMI 템플릿을 .xlsx로 보내 주십시오.",
    "FILE-ARCHIVE-7Z": "파일 “{file}”은(는) 7-Zip 압축 파일이므로 열지 않습니다. .xlsx 파일을 직접 첨부해 주십시오.",
    "FILE-ARCHIVE-RAR": "파일 “{file}”은(는) RAR 압축 파일이므로 열지 않습니다. .xlsx 파일을 직접 첨부해 주십시오.",
    "FILE-ARCHIVE-OTHER": "파일 “{file}”은(는) 압축 파일이므로 열지 않습니다. .xlsx 파일을 직접 첨부해 주십시오.",
    "FILE-ZIP-MULTIPLE": "압축 파일 “{file}”에 여러 개의 통합 문서가 들어 있습니다. 작성한 템플릿을 각각 별도의 .xlsx 첨부 파일로 보내 주십시오.",
    "FILE-ZIP-NO-WORKBOOK": "압축 파일 “{file}”에 Excel 통합 문서가 없습니다. " + _XLSX + ".",
    "FILE-ZIP-NESTED": "파일 “{file}”은(는) 압축 파일 안에 든 압축 파일입니다. .xlsx 파일을 직접 첨부해 주십시오.",
    "FILE-ZIP-EXTRA-FILES": "압축 파일 “{file}”의 통합 문서를 검사했으며, 그 안의 다른 파일은 검사하지 않았습니다.",
    "FILE-PDF": "파일 “{file}”은(는) PDF이므로 검사할 수 없습니다. PDF나 인쇄본이 아니라 " + _XLSX + ".",
    "FILE-IMAGE": "파일 “{file}”은(는) 이미지이므로 검사할 수 없습니다. 화면 캡처나 스캔본이 아니라 "
    + _XLSX
    + ".",
    "FILE-WINMAIL": "파일 “{file}”은(는) 실제 첨부 파일을 감추는 Outlook의 서식 있는 텍스트 포장 형식인 winmail.dat으로 도착했습니다. HTML 또는 일반 텍스트 형식으로 다시 보내시거나 .xlsx 파일을 .zip 파일에 넣어 보내 주십시오.",
    "FILE-OFFICE-OTHER": "파일 “{file}”은(는) Excel 통합 문서가 아닌 다른 Office 문서입니다. " + _XLSX + ".",
    "FILE-TEXT": "파일 “{file}”은(는) 텍스트 파일(예: CSV)로, RMI 템플릿이 아닙니다. " + _XLSX + ".",
    "FILE-UNKNOWN": "파일 “{file}”의 형식을 확인할 수 없습니다. " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "파일 “{file}”이(가) 손상되었거나 불완전합니다(전송 중에 잘렸을 수 있습니다). "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "파일 “{file}”은(는) 내용이 손상되어 유효한 Excel 통합 문서가 아닙니다. "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "파일 “{file}”은(는) 손상된 Office 파일입니다. " + _SAVE + ".",
    "FILE-ZIP-BOMB": "파일 “{file}”은(는) 압축을 풀면 어떤 RMI 템플릿보다도 훨씬 커지므로 안전을 위해 열지 않았습니다. Excel에서 .xlsx로 저장한 템플릿을 보내 주십시오.",
    "FILE-XML-UNSAFE": "파일 “{file}”에는 Excel이 작성하지 않는 XML 선언이 들어 있어 안전을 위해 열지 않았습니다. "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "당사 측 문제로 파일 “{file}”을(를) 처리하지 못했습니다. 담당 팀에 전달되었으며 추후 연락드리겠습니다. 지금은 따로 하실 일이 없습니다.",
}

LABEL_QUOTE = "“{label}”"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "보고 템플릿 검사 결과",
        "sep": ", ",
        "greeting": "{name} 담당자님께",
        "intro_one": "메일을 보내 주셔서 감사합니다. 보내 주신 파일을 검사했습니다.",
        "intro_many": "메일을 보내 주셔서 감사합니다. 보내 주신 파일 {count}개를 검사했습니다.",
        "accepted": "접수 완료: {family} 개정판 {version}",
        "scope": "선언 범위: ",
        "metals": "대상 금속: ",
        "smelters": "기재된 제련소 수: ",
        "not_stated": "미기재",
        "none": "없음",
        "rejected": "아직 접수되지 않음: {family} 개정판 {version}",
        "please_fix": "파일에서 다음 사항을 수정하신 후 이 메일에 회신하여 다시 보내 주십시오.",
        "sheet_cell": "“{sheet}” 시트, {cell} 셀: ",
        "sheet_only": "“{sheet}” 시트: ",
        "held": "수신 완료: 담당자가 확인할 예정입니다",
        "attached": "이 메일의 첨부 파일: {files}(빈 템플릿).",
        "unreadable": "이 파일은 사용할 수 없습니다",
        "send_instead": "빈 템플릿이 필요하시면: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "다음 사항도 확인해 주십시오(접수에는 영향이 없습니다).",
        "automatic": "이 메일은 자동으로 발송되었습니다. 문의 사항이 있으시면 이 메일에 회신해 주십시오. 담당자가 확인하겠습니다.",
        "closing": "감사합니다.",
    },
    "ask": {
        "intro": "메일을 보내 주셔서 감사합니다. 메일에 작성된 보고 템플릿이 첨부되어 있지 않습니다.",
        "other_files": "{files}을(를) 받았지만 이번 조사에는 사용할 수 없습니다.",
        "wanted": "작성하신 {family}을(를) Excel 통합 문서(.xlsx)로 첨부하여 이 메일에 회신해 주십시오.",
        "min_version": "템플릿은 개정판 {version} 이상을 사용하십시오.",
        "due": "{due}까지 회신해 주시면 감사하겠습니다.",
        "generic": "작성하신 RMI 보고 템플릿(CMRT, EMRT, CRT 또는 AMRT)을 Excel 통합 문서(.xlsx)로 첨부하여 이 메일에 회신해 주십시오.",
        "download": "빈 템플릿은 다음 주소에서 내려받을 수 있습니다: https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "안내: {supplier}의 {family} 제출(기한: {due})",
        "title": "안내: 보고 템플릿 제출",
        "dear": "{name}님께",
        "why_missing": "{campaign} 조사에 관한 안내입니다. 귀사가 작성한 {family}을(를) 아직 받지 못했습니다.",
        "why_overdue": "{campaign} 조사에 관한 안내입니다. {family} 제출 기한이 지났으나 아직 귀사로부터 유효한 파일을 받지 못했습니다.",
        "why_rejected": "{campaign} 조사에 관한 안내입니다. 귀사가 마지막으로 보내 주신 {family}은(는) 접수되지 않았습니다. 수정한 파일을 보내 주십시오.",
        "ask": "{supplier}의 {family}을(를) Excel 통합 문서(.xlsx)로 첨부하여 {due}까지 이 메일에 회신해 주십시오.",
        "min_version": "템플릿은 개정판 {version} 이상을 사용하십시오.",
        "not_applicable": "귀사가 대상 광물을 전혀 사용하지 않거나 다른 곳에서 귀사를 대신해 답변하는 경우, 이 메일에 회신하여 알려 주십시오.",
        "open_findings": "지난번 파일에서 아직 수정이 필요한 사항:",
        "policy_again": "귀사는 아직 당사의 책임 있는 광물 조달 정책에 동의하지 않으셨습니다. 동의하시면 다음 문장을 회신에 적어 주십시오:",
        "thanks": "감사합니다.",
    },
    "own_declaration": {
        "title": "보내 주신 파일에 관하여",
        "greeting": "{name} 담당자님께",
        "named": "{file}을(를) 보내 주셔서 감사합니다. 이 파일에 기재된 회사는 {name}이(가) 아니라 “{in_file}”입니다.",
        "please": "이번 조사에는 귀사 자체의 선언이 필요합니다. {name}의 작성된 템플릿을 첨부하여 이 메일에 회신하시거나, 이 파일이 맞는 이유(예: {in_file}이(가) 귀사를 대신하여 선언하는 경우)를 알려 주십시오.",
        "closing": "감사합니다.",
    },
    "invitation": {
        "subject": "{supplier}의 {family} 제출 요청(기한: {due})",
        "title": "책임 있는 광물 조사 안내",
        "intro": "당사의 책임 있는 광물 프로그램({campaign})의 일환으로, {supplier}에 첨부된 RMI {family}(개정판 {version})의 작성을 요청드립니다.",
        "requests_heading": "아울러 다음 사항을 요청드립니다.",
        "request_agree": "당사의 책임 있는 광물 조달 정책에 동의해 주십시오.",
        "request_own_policy": "귀사 자체의 책임 있는 광물 정책을 수립하여 유지해 주십시오.",
        "request_exclude": "분쟁 영향 지역 및 고위험 지역에서 무장 단체나 인권 침해의 자금원이 되는 광물을 배제해 주십시오.",
        "request_cooperate": "당사의 조사에 협조하시고 공급망에 관한 질문에 답변해 주십시오.",
        "policy_link": "당사 정책(버전 {version}): {url}",
        "agree": "정책에 동의하시는 경우 다음 문장을 회신에 기재해 주십시오.",
        "answer": "회신 방법: {due}까지 작성하신 {family}을(를) Excel 파일로 첨부하여 이 메일에 회신해 주십시오. 몇 분 이내에 자동 회신(접수 확인 또는 수정이 필요한 셀 안내)을 받으실 수 있습니다.",
        "prefilled": "첨부 파일에는 회사명으로 {supplier}이(가) 이미 입력되어 있습니다.",
        "thanks": "협조해 주셔서 감사합니다.",
    },
    "agreement_recorded": {
        "subject": "책임 있는 광물 조달 정책(버전 {version})에 대한 동의",
        "greeting": "{name} 담당자님께,",
        "recorded": "감사합니다. 보내주신 문서 {file}에 따라 당사의 책임 있는 광물 조달 정책(버전 {version})에 대한 귀사의 동의를 기록했습니다. 추가로 하실 일은 없습니다.",
        "closing": "감사합니다.",
    },
    "agreement_refused": {
        "title": "보내주신 파일에 관하여",
        "greeting": "{name} 담당자님께,",
        "refused": "{file}을(를) 보내주셔서 감사합니다. 이 파일을 당사의 책임 있는 광물 조달 정책(버전 {version})에 대한 귀사의 동의로 받아들일 수 없었습니다.",
        "reason": "담당자 메모:",
        "agree": "동의하시려면 다음 문장을 적어 이 메일에 회신해 주십시오:",
        "signed": "또는 {name}을(를) 대표하여 서명할 권한이 있는 분이 서명한 정책 확인서를 PDF나 사진으로 보내주십시오.",
        "closing": "감사합니다.",
    },
}
