# ruff: noqa: E501  (sentences are kept whole so translators can read them)
"""English message catalogue: the reference every other language must match key for key.

Each text says what is wrong and how to fix it, naming the sheet and cell. Placeholders are filled
from the finding's params; ``TERMS`` translates the params that are names (fields, minerals).
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    # Declaration: company information
    "field.missing": "{field} is empty. Enter it in {sheet}!{cell}.",
    "field.email_no_at": (
        "{field} in {sheet}!{cell} is not an email address (no '@'): '{value}'. "
        "Enter a full address such as name@company.com."
    ),
    "scope.description_missing": (
        "Declaration scope C (user defined) needs a description. Describe the scope in {sheet}!{cell}."
    ),
    "products.missing": (
        "Declaration scope B (products) needs a product list, but {sheet}!{cell} is empty. "
        "List the products from row 6 of the Product List sheet."
    ),
    "minerals.none_selected": (
        "No mineral or metal is selected. Select at least one in {sheet}!{cell} and the cells next to it."
    ),
    "minerals.other_unnamed": (
        "'Other' is selected in {sheet}!{cell}, but the mineral is not named. "
        "Type its name in the cell three rows below ({sheet}!{name_cell})."
    ),
    # Declaration: questions per mineral and company questions
    "answer.missing": (
        "Question {question} for {mineral} is not answered. Choose an answer in {sheet}!{cell}."
    ),
    "answer.optional_missing": (
        "Question {question} for {mineral} is not answered. It is optional, but your customer asks for "
        "it: please choose an answer in {sheet}!{cell}."
    ),
    "answer.gate_missing": (
        "Question {question} for {mineral} is not answered, so the Checker cannot tell which of the "
        "following questions and smelters apply. Choose an answer in {sheet}!{cell}."
    ),
    "answer.not_allowed": (
        "'{value}' in {sheet}!{cell} is not one of the answers this cell allows. "
        "Choose one from the drop-down list: {allowed}."
    ),
    "answer.hidden_prefill": (
        "The hidden cell {sheet}!{cell} must keep the 'No' the template comes with, but it was changed "
        "or cleared. Download a fresh template from the RMI website and copy your answers into it."
    ),
    "company.missing": "Company question {question} is not answered. Choose an answer in {sheet}!{cell}.",
    "company.mineral_missing": (
        "Company question {question} for {mineral} is not answered. Choose an answer in {sheet}!{cell}."
    ),
    "company.url_missing": (
        "Company question {question} is answered 'Yes', so the comment must give the web address "
        "(URL) of the policy. Enter the URL in {sheet}!{cell}."
    ),
    "company.url_invalid": (
        "The comment in {sheet}!{cell} should be the web address of your policy, but '{value}' does not "
        "look like one. Enter a URL such as https://www.company.com/policy."
    ),
    "company.describe_missing": (
        "Company question {question} is answered 'using other format (describe)', but nothing is "
        "described. Describe the format in the comment {sheet}!{cell}."
    ),
    # Smelter List
    "smelters.missing": (
        "No smelter is listed for {mineral}, although the declaration says it is in your products. "
        "Add at least one row on the Smelter List with Metal '{mineral}' and a smelter chosen in "
        "column '{lookup_column}', or answer question 1 or 2 for {mineral} with 'No'."
    ),
    "smelter.not_listed_no_name": (
        "Row {row} of the Smelter List uses 'Smelter not listed' but gives no smelter name. "
        "Enter the name in {sheet}!{cell}."
    ),
    "smelter.not_listed_no_country": (
        "Row {row} of the Smelter List uses 'Smelter not listed' but gives no country. "
        "Choose the country in {sheet}!{cell}."
    ),
    "smelter.no_smelter_chosen": (
        "Row {row} of the Smelter List gives the metal {metal} but no smelter. Choose the smelter in "
        "{sheet}!{cell} (column '{column}'), or delete the row."
    ),
    "smelter.no_name": "Row {row} of the Smelter List gives no smelter name. Enter it in {sheet}!{cell}.",
    "smelter.no_country": "Row {row} of the Smelter List gives no country. Choose it in {sheet}!{cell}.",
    "smelter.not_in_rmi_list": (
        "Row {row} of the Smelter List names '{name}', which is not in the RMI smelter list. "
        "Check whether it is listed under another name in column '{lookup_column}'; otherwise keep "
        "the street, city and contact details complete so it can be identified."
    ),
    "smelter.excluded_metal": plural(
        "count",
        one=(
            "The Smelter List has {count} row for {mineral} (row {row}), but the declaration answers 'No' "
            "for {mineral} in question {question}. Remove that row or correct the answer in "
            "Declaration!{answer_cell}."
        ),
        other=(
            "The Smelter List has {count} rows for {mineral} (the first in row {row}), but the declaration "
            "answers 'No' for {mineral} in question {question}. Remove those rows or correct the answer in "
            "Declaration!{answer_cell}."
        ),
    ),
    "smelter.duplicate": (
        "Row {row} of the Smelter List repeats row {first_row} ({smelter}, {cid}) with the same details "
        "in every filled column, so the two rows could be one. Delete one of them."
    ),
    "smelter_id.pasted_other_smelter": (
        "Row {row} of the Smelter List has '{value}' typed over the Smelter Identification formula in "
        "{sheet}!{cell}, but the smelter chosen in the row is {chosen_cid}. Delete the typed value (copy "
        "the formula back from an unused row) and choose the smelter in column C or type its number in "
        "column A."
    ),
    "smelter_id.pasted_wrong_metal": (
        "Row {row} of the Smelter List has '{value}' typed over the Smelter Identification formula in "
        "{sheet}!{cell}; that is a {cid_metal} smelter, but the row says {metal}. Delete the typed value "
        "(copy the formula back from an unused row) and choose the smelter in column C or type its "
        "number in column A."
    ),
    "cid.unknown_unidentified": (
        "The smelter number {cid} in {sheet}!{cell} is not in this template's smelter list, so row {row} "
        "identifies no smelter (its look-up columns show #N/A). Check the number, or choose the smelter "
        "by name in column C; if it is not listed, choose 'Smelter not listed' and type its name and "
        "country."
    ),
    "cid.malformed": (
        "'{cid}' in {sheet}!{cell} is not a smelter identification number. RMI numbers look like "
        "CID001234; enter one or leave the cell empty and choose the smelter by name."
    ),
    "cid.unknown": (
        "The smelter number {cid} in {sheet}!{cell} is not in this template's smelter list. "
        "Check the number, or use the latest template revision if the smelter was added recently."
    ),
    "cid.wrong_metal": (
        "The smelter number {cid} in {sheet}!{cell} is a {cid_metal} smelter, but the row says "
        "{metal}. Correct the number or the metal."
    ),
    "cid.mismatch": (
        "Row {row} of the Smelter List has {typed} typed in column A, but the smelter chosen in the row is "
        "{filled}. Make the number in {sheet}!{cell} and the chosen smelter agree."
    ),
    # Dates and contacts
    "date.future": (
        "The effective date {date} in {sheet}!{cell} is in the future. Enter the date the declaration "
        "is valid from, no later than today."
    ),
    "date.text": (
        "The effective date in {sheet}!{cell} is typed as text ('{value}'). Enter it as a date, "
        "for example 31-Jan-2025, so it is not read differently in other countries."
    ),
    "date.text_understood": (
        "The effective date in {sheet}!{cell} is typed as text ('{value}'); it was read as {date}. "
        "Next time enter it as a date, for example 31-Jan-2025."
    ),
    "date.ambiguous": (
        "The effective date in {sheet}!{cell} is typed as text ('{value}'), which can mean {first} or "
        "{second} depending on the country. Enter it as a date, for example 31-Jan-2025."
    ),
    "date.before_campaign": (
        "The effective date {date} in {sheet}!{cell} is before {dated_from}, the earliest date this "
        "survey accepts. Please review your declaration and send it with a current date."
    ),
    "date.stale": plural(
        "months",
        one=(
            "The effective date {date} in {sheet}!{cell} is more than {months} month old. "
            "Please review your declaration and send it with a current date."
        ),
        other=(
            "The effective date {date} in {sheet}!{cell} is more than {months} months old. "
            "Please review your declaration and send it with a current date."
        ),
    ),
    "contact.placeholder": (
        "{field} in {sheet}!{cell} is '{value}', which does not name anyone. Enter the real value."
    ),
    "email.invalid": (
        "{field} in {sheet}!{cell} is not a valid email address: '{value}'. "
        "Enter one address such as name@company.com."
    ),
    # Template revision and file
    "template.outdated": (
        "This is {family} revision {version}; the newest revision is {newest}. Please use the newest "
        "template from the RMI website next time."
    ),
    "template.below_minimum": (
        "This is {family} revision {version}, but this survey requires revision {minimum} or newer. "
        "Download the current template from the RMI website and copy your answers into it."
    ),
    "template.prerelease": (
        "This is a pre-release of {family} ({version}), which is not accepted. Download the released "
        "template from the RMI website and copy your answers into it."
    ),
    "formulas.uncached": plural(
        "count",
        one=(
            "The file contains {count} formula cell that was never calculated (it was written by a "
            "program, not saved by a spreadsheet application). Open it in Excel or LibreOffice, save, "
            "and send it again."
        ),
        other=(
            "The file contains {count} formula cells that were never calculated (it was written by a "
            "program, not saved by a spreadsheet application). Open it in Excel or LibreOffice, save, "
            "and send it again."
        ),
    ),
    "file.rejected": "The attachment could not be accepted: {reason}",
    "file.not_a_template": (
        "This file is not an RMI reporting template (CMRT, EMRT, CRT or AMRT). Please send the "
        "completed template as an .xlsx file."
    ),
    "file.unreadable": (
        "The template could not be read. Open it in Excel, save it as .xlsx and send it again."
    ),
    "file.note": "{reason}",
    "template.read_as": (
        "This is {family} revision {version}, newer than the revisions we check cell by cell; its "
        "cells match {family} {read_as}, so it was read as {read_as}-compatible."
    ),
    "template.retired": (
        "This file ({file}) is {family} revision {version}, a revision that is no longer accepted. "
        "The current revision is {family} {current}. Please copy your answers into the blank "
        "template attached to this mail and send it back."
    ),
    "template.retired.outside_mail": (
        "This file ({file}) is {family} revision {version}, a revision that is no longer accepted. "
        "The current revision is {family} {current}. The answers need to be copied into a blank "
        "{family} {current} template (surveybot's reply mail attaches one)."
    ),
    "template.held": (
        "We received {family} revision {version} ({file}). It is newer than the revisions we check "
        "automatically, so a member of our team will check it and reply to you; there is nothing you "
        "need to do now."
    ),
    "file.xls_revision": (
        "{file} is {family} revision {version}, saved in the old Excel 97-2003 format (.xls). Please "
        "open it in Excel, choose File > Save As > Excel Workbook (.xlsx) and send that file."
    ),
    "template.unsupported": (
        "This looks like an RMI template, but its revision is not one we can check. Please use the "
        "current template from the RMI website."
    ),
}

TERMS: dict[str, str] = {
    "field.company_name": "Company name",
    "field.declaration_scope": "Declaration scope",
    "field.scope_description": "Description of scope",
    "field.contact_name": "Contact name",
    "field.contact_email": "Contact email",
    "field.contact_phone": "Contact phone",
    "field.authorizer_name": "Authorizer",
    "field.authorizer_email": "Authorizer email",
    "field.authorizer_title": "Authorizer title",
    "field.authorizer_phone": "Authorizer phone",
    "field.effective_date": "Effective date",
}

# How a template label is quoted after the cell address: Declaration!D16 "Email – Contact".
LABEL_QUOTE = '"{label}"'

# The words of every mail, by mail; ``mail/templates/<kind>.{txt,html}.j2`` lay them out. Placeholders
# in braces are filled in by the templates.
MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Result of the check of your reporting template",
        "sep": ", ",
        "greeting": "Hello {name} team,",
        "intro_one": "Thank you for your mail. We have checked the file you sent:",
        "intro_many": "Thank you for your mail. We have checked the {count} files you sent:",
        "accepted": "ACCEPTED: {family} revision {version}",
        "scope": "Declaration scope: ",
        "metals": "Metals in scope: ",
        "smelters": "Smelters listed: ",
        "not_stated": "not stated",
        "none": "none",
        "rejected": "NOT ACCEPTED YET: {family} revision {version}",
        "please_fix": "Please correct the following in the file and send it again as a reply to this mail:",
        "sheet_cell": 'Sheet "{sheet}", cell {cell}: ',
        "sheet_only": 'Sheet "{sheet}": ',
        "held": "RECEIVED: A MEMBER OF OUR TEAM WILL CHECK IT",
        "attached": "Attached to this mail: {files} (blank template).",
        "unreadable": "WE COULD NOT USE THIS FILE",
        "send_instead": (
            "If you need a blank template: https://www.responsiblemineralsinitiative.org/reporting-templates/"
        ),
        "also_check": "Also worth checking (these do not stop acceptance):",
        "automatic": (
            "This is an automatic message. If you have a question, reply to this mail and a member of our "
            "team will read it."
        ),
        "closing": "Kind regards,",
    },
    "ask": {
        "intro": "Thank you for your mail. We could not find a completed reporting template attached to it.",
        "other_files": "We received {files}, which we cannot use for this survey.",
        "wanted": "Please reply to this mail with your completed {family} attached as an Excel workbook (.xlsx).",
        "min_version": "Please use revision {version} or later of the template.",
        "due": "We would appreciate your reply by {due}.",
        "generic": (
            "Please reply to this mail with your completed RMI reporting template (CMRT, EMRT, CRT or AMRT) "
            "attached as an Excel workbook (.xlsx)."
        ),
        "download": (
            "Blank templates can be downloaded from "
            "https://www.responsiblemineralsinitiative.org/reporting-templates/"
        ),
    },
    "reminder": {
        "subject": "Reminder: {family} for {supplier}, due {due}",
        "title": "Reminder: your reporting template",
        "dear": "Dear {name},",
        "why_missing": (
            "This is a reminder about our {campaign} survey: we have not received your completed {family} yet."
        ),
        "why_overdue": (
            "This is a reminder about our {campaign} survey: the due date for your {family} has passed and we "
            "have no valid file from you yet."
        ),
        "why_rejected": (
            "This is a reminder about our {campaign} survey: the last {family} you sent could not be "
            "accepted; please send a corrected file."
        ),
        "ask": (
            "Please reply to this mail with the {family} for {supplier} attached as an Excel workbook (.xlsx) "
            "by {due}."
        ),
        "min_version": "Please use revision {version} or later of the template.",
        "not_applicable": (
            "If your company does not use any of the minerals in scope, or someone else answers for you, "
            "please reply and tell us."
        ),
        "open_findings": "Still to correct in your last file:",
        "policy_again": "You have not yet agreed to our responsible minerals procurement policy. To agree, reply with this sentence:",
        "thanks": "Thank you.",
    },
    "own_declaration": {
        "title": "About the file you sent",
        "greeting": "Hello {name} team,",
        "named": 'Thank you for sending {file}. The company named in it is "{in_file}", not {name}.',
        "please": (
            "For our survey we need the declaration of your own company. Please reply to this mail with the "
            "completed template for {name}, or tell us why this file is the right one (for example, if "
            "{in_file} declares on your behalf)."
        ),
        "closing": "Kind regards,",
    },
    "invitation": {
        "subject": "{family} for {supplier}, due {due}",
        "title": "Our responsible minerals survey",
        "intro": "For our responsible minerals programme ({campaign}) we ask {supplier} to complete the attached RMI {family}, revision {version}.",
        "requests_heading": "We also ask you to:",
        "request_agree": "agree to our responsible minerals procurement policy;",
        "request_own_policy": "keep a responsible minerals policy of your own;",
        "request_exclude": "exclude minerals from conflict-affected and high-risk areas that finance armed groups or human-rights abuse;",
        "request_cooperate": "cooperate with our surveys and answer our questions about your supply chain.",
        "policy_link": "Our policy (version {version}): {url}",
        "agree": "To agree to the policy, reply with this sentence:",
        "answer": "How to answer: reply to this mail with the completed {family} attached as an Excel file by {due}. You will get an automatic answer within minutes: a confirmation, or the exact cells to correct.",
        "prefilled": "We have already entered {supplier} as the company name in the attached file.",
        "thanks": "Thank you for your cooperation.",
    },
    "agreement_recorded": {
        "subject": "Your agreement to our responsible minerals procurement policy, version {version}",
        "greeting": "Hello {name} team,",
        "recorded": "Thank you. We have recorded your agreement to our responsible minerals procurement policy, version {version}, from the document {file} you sent. Nothing more is needed for it.",
        "closing": "Kind regards,",
    },
    "agreement_refused": {
        "title": "About the file you sent",
        "greeting": "Hello {name} team,",
        "refused": "Thank you for sending {file}. We could not take it as your agreement to our responsible minerals procurement policy, version {version}.",
        "reason": "Our colleague's note:",
        "agree": "To agree, please reply to this mail with this sentence:",
        "signed": "Or send us the acknowledgement of the policy as a PDF or a scan, signed by someone who may sign for {name}.",
        "closing": "Kind regards,",
    },
}
