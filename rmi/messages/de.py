# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""German message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (Sie). Sheet names stay in English because the template's sheet tabs are English in
every language; answers are named with the words of the German template ("Ja", "Nein").
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    "field.missing": "{field} ist nicht ausgefüllt. Bitte tragen Sie die Angabe in {sheet}!{cell} ein.",
    "field.email_no_at": "{field} in {sheet}!{cell} ist keine E-Mail-Adresse (es fehlt das „@“): „{value}“. Bitte geben Sie eine vollständige Adresse ein, zum Beispiel name@company.com.",
    "scope.description_missing": "Für den Geltungsbereich C (benutzerdefiniert) ist eine Beschreibung erforderlich. Bitte beschreiben Sie den Geltungsbereich in {sheet}!{cell}.",
    "products.missing": "Für den Geltungsbereich B (Produkte) ist eine Produktliste erforderlich, {sheet}!{cell} ist jedoch leer. Bitte führen Sie die Produkte ab Zeile 6 des Tabellenblatts Product List auf.",
    "minerals.none_selected": "Es ist kein Mineral und kein Metall ausgewählt. Bitte wählen Sie in {sheet}!{cell} und den benachbarten Zellen mindestens eines aus.",
    "minerals.other_unnamed": "In {sheet}!{cell} ist „Other“ (Sonstiges) ausgewählt, das Mineral ist jedoch nicht benannt. Bitte tragen Sie seinen Namen drei Zeilen darunter ein ({sheet}!{name_cell}).",
    "answer.missing": "Frage {question} zu {mineral} ist nicht beantwortet. Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.",
    "answer.optional_missing": "Frage {question} zu {mineral} ist nicht beantwortet. Die Angabe ist freiwillig, wird von Ihrem Kunden jedoch erbeten: Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.",
    "answer.gate_missing": "Frage {question} zu {mineral} ist nicht beantwortet; daher kann der Checker nicht feststellen, welche der folgenden Fragen und Schmelzhütten zutreffen. Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.",
    "answer.not_allowed": "„{value}“ in {sheet}!{cell} gehört nicht zu den Antworten, die diese Zelle zulässt. Bitte wählen Sie eine Antwort aus der Dropdown-Liste: {allowed}.",
    "answer.hidden_prefill": "Die ausgeblendete Zelle {sheet}!{cell} muss das „No“ behalten, das die Vorlage mitbringt, wurde jedoch geändert oder geleert. Bitte laden Sie eine neue Vorlage von der RMI-Website herunter und übertragen Sie Ihre Antworten dorthin.",
    "company.missing": "Unternehmensfrage {question} ist nicht beantwortet. Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.",
    "company.mineral_missing": "Unternehmensfrage {question} zu {mineral} ist nicht beantwortet. Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.",
    "company.url_missing": "Unternehmensfrage {question} ist mit „Ja“ beantwortet; daher muss der Kommentar die Webadresse (URL) der Richtlinie enthalten. Bitte tragen Sie die URL in {sheet}!{cell} ein.",
    "company.url_invalid": "Der Kommentar in {sheet}!{cell} sollte die Webadresse Ihrer Richtlinie sein, „{value}“ ist jedoch keine gültige Webadresse. Bitte geben Sie eine URL ein, zum Beispiel https://www.company.com/policy.",
    "company.describe_missing": "Unternehmensfrage {question} ist mit „Ja, unter Verwendung eines anderen Formats (beschreiben)“ beantwortet, es fehlt jedoch die Beschreibung. Bitte beschreiben Sie das Format im Kommentar {sheet}!{cell}.",
    "smelters.missing": "Für {mineral} ist keine Schmelzhütte aufgeführt, obwohl die Erklärung angibt, dass es in Ihren Produkten enthalten ist. Bitte ergänzen Sie auf dem Tabellenblatt Smelter List mindestens eine Zeile mit dem Metall „{mineral}“ und einer in Spalte „{lookup_column}“ ausgewählten Schmelzhütte, oder beantworten Sie Frage 1 oder 2 zu {mineral} mit „Nein“.",
    "smelter.not_listed_no_name": "Zeile {row} der Smelter List verwendet „Smelter not listed“, nennt aber keinen Namen der Schmelzhütte. Bitte tragen Sie den Namen in {sheet}!{cell} ein.",
    "smelter.not_listed_no_country": "Zeile {row} der Smelter List verwendet „Smelter not listed“, nennt aber kein Land. Bitte wählen Sie das Land in {sheet}!{cell} aus.",
    "smelter.no_smelter_chosen": "Zeile {row} der Smelter List nennt das Metall {metal}, aber keine Schmelzhütte. Bitte wählen Sie die Schmelzhütte in {sheet}!{cell} (Spalte „{column}“) aus oder löschen Sie die Zeile.",
    "smelter.no_name": "Zeile {row} der Smelter List nennt keinen Namen der Schmelzhütte. Bitte tragen Sie ihn in {sheet}!{cell} ein.",
    "smelter.no_country": "Zeile {row} der Smelter List nennt kein Land. Bitte wählen Sie es in {sheet}!{cell} aus.",
    "smelter.not_in_rmi_list": "Zeile {row} der Smelter List nennt „{name}“; dieser Name steht nicht in der RMI-Liste der Schmelzhütten. Bitte prüfen Sie, ob die Schmelzhütte in Spalte „{lookup_column}“ unter einem anderen Namen geführt wird; andernfalls geben Sie Straße, Ort und Kontaktdaten bitte vollständig an, damit sie identifiziert werden kann.",
    "smelter.excluded_metal": plural(
        "count",
        one="Die Smelter List enthält {count} Zeile für {mineral} (Zeile {row}), die Erklärung beantwortet Frage {question} zu {mineral} jedoch mit „Nein“. Bitte entfernen Sie diese Zeile oder korrigieren Sie die Antwort in Declaration!{answer_cell}.",
        other="Die Smelter List enthält {count} Zeilen für {mineral} (die erste in Zeile {row}), die Erklärung beantwortet Frage {question} zu {mineral} jedoch mit „Nein“. Bitte entfernen Sie diese Zeilen oder korrigieren Sie die Antwort in Declaration!{answer_cell}.",
    ),
    "smelter.duplicate": "Zeile {row} der Smelter List wiederholt Zeile {first_row} ({smelter}, {cid}) mit denselben Angaben in jeder ausgefüllten Spalte; die beiden Zeilen können also zusammengefasst werden. Bitte löschen Sie eine davon.",
    "smelter_id.pasted_other_smelter": "In Zeile {row} der Smelter List wurde „{value}“ über die Formel der Schmelzhütten-Identifikationsnummer in {sheet}!{cell} geschrieben, die in der Zeile ausgewählte Schmelzhütte ist jedoch {chosen_cid}. Bitte löschen Sie den eingegebenen Wert (kopieren Sie die Formel aus einer unbenutzten Zeile zurück) und wählen Sie die Schmelzhütte in Spalte C aus oder geben Sie ihre Nummer in Spalte A ein.",
    "smelter_id.pasted_wrong_metal": "In Zeile {row} der Smelter List wurde „{value}“ über die Formel der Schmelzhütten-Identifikationsnummer in {sheet}!{cell} geschrieben; das ist eine Schmelzhütte für {cid_metal}, die Zeile nennt jedoch {metal}. Bitte löschen Sie den eingegebenen Wert (kopieren Sie die Formel aus einer unbenutzten Zeile zurück) und wählen Sie die Schmelzhütte in Spalte C aus oder geben Sie ihre Nummer in Spalte A ein.",
    "cid.unknown_unidentified": "Die Schmelzhütten-Nummer {cid} in {sheet}!{cell} steht nicht in der Schmelzhüttenliste dieser Vorlage; Zeile {row} bezeichnet daher keine Schmelzhütte (ihre Nachschlagespalten zeigen #N/A). Bitte prüfen Sie die Nummer oder wählen Sie die Schmelzhütte in Spalte C über ihren Namen aus; ist sie nicht aufgeführt, wählen Sie „Smelter not listed“ und tragen Sie Namen und Land ein.",
    "cid.malformed": "„{cid}“ in {sheet}!{cell} ist keine Identifikationsnummer einer Schmelzhütte. RMI-Nummern haben die Form CID001234; bitte geben Sie eine solche Nummer ein oder lassen Sie die Zelle leer und wählen Sie die Schmelzhütte über ihren Namen aus.",
    "cid.unknown": "Die Schmelzhütten-Nummer {cid} in {sheet}!{cell} steht nicht in der Schmelzhüttenliste dieser Vorlage. Bitte prüfen Sie die Nummer; wurde die Schmelzhütte erst kürzlich aufgenommen, verwenden Sie bitte die neueste Revision der Vorlage.",
    "cid.wrong_metal": "Die Schmelzhütten-Nummer {cid} in {sheet}!{cell} gehört zu einer Schmelzhütte für {cid_metal}, die Zeile nennt jedoch {metal}. Bitte korrigieren Sie die Nummer oder das Metall.",
    "cid.mismatch": "In Zeile {row} der Smelter List steht in Spalte A die Nummer {typed}, die in der Zeile ausgewählte Schmelzhütte ist jedoch {filled}. Bitte bringen Sie die Nummer in {sheet}!{cell} und die ausgewählte Schmelzhütte in Übereinstimmung.",
    "date.future": "Das Datum der Erklärung, {date}, in {sheet}!{cell} liegt in der Zukunft. Bitte tragen Sie das Datum ein, ab dem die Erklärung gilt, spätestens das heutige Datum.",
    "date.text": "Das Datum der Erklärung in {sheet}!{cell} ist als Text eingegeben („{value}“). Bitte geben Sie es als Datum ein, zum Beispiel 31-Jan-2025, damit es in anderen Ländern nicht anders gelesen wird.",
    "date.text_understood": "Das Datum der Erklärung in {sheet}!{cell} ist als Text eingegeben („{value}“); es wurde als {date} gelesen. Bitte geben Sie es künftig als Datum ein, zum Beispiel 31-Jan-2025.",
    "date.ambiguous": "Das Datum der Erklärung in {sheet}!{cell} ist als Text eingegeben („{value}“) und kann je nach Land den {first} oder den {second} bedeuten. Bitte geben Sie es als Datum ein, zum Beispiel 31-Jan-2025.",
    "date.before_campaign": "Das Datum der Erklärung, {date}, in {sheet}!{cell} liegt vor dem {dated_from}, dem frühesten Datum, das diese Umfrage annimmt. Bitte überprüfen Sie Ihre Erklärung und senden Sie sie mit einem aktuellen Datum.",
    "date.stale": plural(
        "months",
        one="Das Datum der Erklärung, {date}, in {sheet}!{cell} liegt mehr als {months} Monat zurück. Bitte überprüfen Sie Ihre Erklärung und senden Sie sie mit einem aktuellen Datum.",
        other="Das Datum der Erklärung, {date}, in {sheet}!{cell} liegt mehr als {months} Monate zurück. Bitte überprüfen Sie Ihre Erklärung und senden Sie sie mit einem aktuellen Datum.",
    ),
    "contact.placeholder": "{field} in {sheet}!{cell} lautet „{value}“ und bezeichnet keine bestimmte Person. Bitte tragen Sie die tatsächliche Angabe ein.",
    "email.invalid": "{field} in {sheet}!{cell} ist keine gültige E-Mail-Adresse: „{value}“. Bitte geben Sie eine einzelne Adresse ein, zum Beispiel name@company.com.",
    "template.outdated": "Dies ist {family} Revision {version}; die neueste Revision ist {newest}. Bitte verwenden Sie beim nächsten Mal die neueste Vorlage von der RMI-Website.",
    "template.below_minimum": "Dies ist {family} Revision {version}, diese Umfrage verlangt jedoch Revision {minimum} oder neuer. Bitte laden Sie die aktuelle Vorlage von der RMI-Website herunter und übertragen Sie Ihre Antworten dorthin.",
    "template.prerelease": "Dies ist eine Vorabversion von {family} ({version}), die nicht angenommen wird. Bitte laden Sie die veröffentlichte Vorlage von der RMI-Website herunter und übertragen Sie Ihre Antworten dorthin.",
    "formulas.uncached": plural(
        "count",
        one="Die Datei enthält {count} Formelzelle, die nie berechnet wurde (die Datei wurde von einem Programm erzeugt und nicht mit einer Tabellenkalkulation gespeichert). Bitte öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie und senden Sie sie erneut.",
        other="Die Datei enthält {count} Formelzellen, die nie berechnet wurden (die Datei wurde von einem Programm erzeugt und nicht mit einer Tabellenkalkulation gespeichert). Bitte öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie und senden Sie sie erneut.",
    ),
    "file.rejected": "Der Anhang konnte nicht angenommen werden: {reason}",
    "file.not_a_template": "Diese Datei ist keine RMI-Berichtsvorlage (CMRT, EMRT, CRT oder AMRT). Bitte senden Sie die ausgefüllte Vorlage als .xlsx-Datei.",
    "file.unreadable": "Die Vorlage konnte nicht gelesen werden. Bitte öffnen Sie sie in Excel, speichern Sie sie als .xlsx und senden Sie sie erneut.",
    "file.note": "{reason}",
    "template.read_as": "Dies ist {family} Revision {version}, neuer als die Revisionen, die wir Zelle für Zelle prüfen; ihre Zellen entsprechen {family} {read_as}, daher wurde sie als {read_as}-kompatibel gelesen.",
    "template.retired": "Diese Datei ({file}) ist {family} Revision {version}, eine Revision, die nicht mehr angenommen wird. Die aktuelle Revision ist {family} {current}. Bitte übertragen Sie Ihre Antworten in die leere Vorlage im Anhang dieser E-Mail und senden Sie sie zurück.",
    "template.retired.outside_mail": "Diese Datei ({file}) ist {family} Revision {version}, eine Revision, die nicht mehr angenommen wird. Die aktuelle Revision ist {family} {current}. Die Antworten müssen in eine leere Vorlage {family} {current} übertragen werden (die Antwort-E-Mail von surveybot enthält eine im Anhang).",
    "template.held": "Wir haben {family} Revision {version} ({file}) erhalten. Diese Revision ist neuer als die Revisionen, die wir automatisch prüfen; ein Mitglied unseres Teams prüft die Datei und antwortet Ihnen. Sie müssen derzeit nichts weiter tun.",
    "file.xls_revision": "{file} ist {family} Revision {version}, gespeichert im alten Format Excel 97-2003 (.xls). Bitte öffnen Sie die Datei in Excel, wählen Sie Datei > Speichern unter > Excel-Arbeitsmappe (.xlsx) und senden Sie diese Datei.",
    "template.unsupported": "Dies scheint eine RMI-Vorlage zu sein, ihre Revision können wir jedoch nicht prüfen. Bitte verwenden Sie die aktuelle Vorlage von der RMI-Website.",
}

TERMS: dict[str, str] = {
    "field.company_name": "Der Firmenname",
    "field.declaration_scope": "Der Geltungsbereich der Erklärung",
    "field.scope_description": "Die Beschreibung des Geltungsbereichs",
    "field.contact_name": "Der Name des Ansprechpartners",
    "field.contact_email": "Die E-Mail-Adresse des Ansprechpartners",
    "field.contact_phone": "Die Telefonnummer des Ansprechpartners",
    "field.authorizer_name": "Der Name des Bevollmächtigten",
    "field.authorizer_email": "Die E-Mail-Adresse des Bevollmächtigten",
    "field.authorizer_title": "Die Funktion des Bevollmächtigten",
    "field.authorizer_phone": "Die Telefonnummer des Bevollmächtigten",
    "field.effective_date": "Das Datum der Erklärung",
    "mineral.Tantalum": "Tantal",
    "mineral.Tin": "Zinn",
    "mineral.Gold": "Gold",
    "mineral.Tungsten": "Wolfram",
    "mineral.Cobalt": "Kobalt",
    "mineral.Mica": "Glimmer",
    "mineral.Copper": "Kupfer",
    "mineral.Graphite": "Graphit",
    "mineral.Lithium": "Lithium",
    "mineral.Nickel": "Nickel",
    "mineral.Aluminum": "Aluminium",
    "mineral.Silver": "Silber",
    "mineral.Zinc": "Zink",
    "mineral.Palladium": "Palladium",
    "mineral.Platinum": "Platin",
    "mineral.Manganese": "Mangan",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "bitte hängen Sie die ausgefüllte RMI-Vorlage als Excel-Arbeitsmappe (.xlsx) direkt an"
_SAVE = "bitte öffnen Sie sie in Excel, wählen Sie Datei > Speichern unter > Excel-Arbeitsmappe (.xlsx) und senden Sie diese Datei"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "Die Datei „{file}“ ist leer; " + _XLSX + ".",
    "FILE-TOO-LARGE": "Die Datei „{file}“ überschreitet die zulässige Größe; "
    + _XLSX
    + ", ohne eingebettete Bilder oder zusätzliche Tabellenblätter.",
    "FILE-ENCRYPTED": "Die Datei „{file}“ ist kennwortgeschützt und kann daher nicht geprüft werden; bitte entfernen Sie das Kennwort, speichern Sie die Datei als .xlsx und senden Sie sie erneut.",
    "FILE-XLS-LEGACY": "Die Datei „{file}“ liegt im alten Format Excel 97-2003 (.xls) vor; " + _SAVE + ".",
    "FILE-XLSB": "Die Datei „{file}“ ist eine binäre Excel-Arbeitsmappe (.xlsb); " + _SAVE + ".",
    "FILE-ODS": "Die Datei „{file}“ ist eine OpenDocument-Tabelle (.ods); bitte speichern Sie sie als Excel-Arbeitsmappe (.xlsx) und senden Sie diese Datei.",
    "FILE-XLSM-MACRO": "Die Datei „{file}“ enthält Makros (.xlsm): Wir lesen nur ihre Daten und führen keine Makros aus, bitte senden Sie die RMI-Vorlage beim nächsten Mal jedoch als .xlsx.",
    "FILE-ARCHIVE-7Z": "Die Datei „{file}“ ist ein 7-Zip-Archiv, das wir nicht öffnen; bitte hängen Sie die .xlsx-Datei direkt an.",
    "FILE-ARCHIVE-RAR": "Die Datei „{file}“ ist ein RAR-Archiv, das wir nicht öffnen; bitte hängen Sie die .xlsx-Datei direkt an.",
    "FILE-ARCHIVE-OTHER": "Die Datei „{file}“ ist eine komprimierte Datei, die wir nicht öffnen; bitte hängen Sie die .xlsx-Datei direkt an.",
    "FILE-ZIP-MULTIPLE": "Das Archiv „{file}“ enthält mehrere Arbeitsmappen; bitte senden Sie jede ausgefüllte Vorlage als eigenen .xlsx-Anhang.",
    "FILE-ZIP-NO-WORKBOOK": "Das Archiv „{file}“ enthält keine Excel-Arbeitsmappe; " + _XLSX + ".",
    "FILE-ZIP-NESTED": "Die Datei „{file}“ ist ein Archiv in einem Archiv; bitte hängen Sie die .xlsx-Datei direkt an.",
    "FILE-ZIP-EXTRA-FILES": "Wir haben die Arbeitsmappe aus dem Archiv „{file}“ geprüft und die übrigen Dateien darin nicht beachtet.",
    "FILE-PDF": "Die Datei „{file}“ ist ein PDF und kann nicht geprüft werden; "
    + _XLSX
    + ", nicht als PDF oder Ausdruck.",
    "FILE-IMAGE": "Die Datei „{file}“ ist ein Bild und kann nicht geprüft werden; "
    + _XLSX
    + ", nicht als Bildschirmfoto oder Scan.",
    "FILE-WINMAIL": "Die Datei „{file}“ kam als winmail.dat an, der Rich-Text-Verpackung von Outlook, die den eigentlichen Anhang verbirgt; bitte senden Sie die E-Mail erneut im HTML- oder Nur-Text-Format oder senden Sie die .xlsx-Datei in einer .zip-Datei.",
    "FILE-OFFICE-OTHER": "Die Datei „{file}“ ist ein anderes Office-Dokument und keine Excel-Arbeitsmappe; "
    + _XLSX
    + ".",
    "FILE-TEXT": "Die Datei „{file}“ ist eine Textdatei (zum Beispiel CSV) und nicht die RMI-Vorlage; "
    + _XLSX
    + ".",
    "FILE-UNKNOWN": "Die Datei „{file}“ ist keine Excel-Arbeitsmappe, die wir erkennen; " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "Die Datei „{file}“ ist beschädigt oder unvollständig (sie wurde möglicherweise bei der Übertragung abgeschnitten); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "Die Datei „{file}“ ist keine gültige Excel-Arbeitsmappe (ihr Inhalt ist beschädigt); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "Die Datei „{file}“ ist eine beschädigte Office-Datei; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "Die Datei „{file}“ entpackt sich zu weit mehr Daten als jede RMI-Vorlage und wurde daher nicht geöffnet; bitte senden Sie die Vorlage, aus Excel als .xlsx gespeichert.",
    "FILE-XML-UNSAFE": "Die Datei „{file}“ enthält XML-Deklarationen, die Excel nie schreibt, und wurde aus Sicherheitsgründen nicht geöffnet; "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "Wir konnten die Datei „{file}“ wegen eines Problems auf unserer Seite nicht verarbeiten; unser Team ist informiert und meldet sich bei Ihnen. Sie müssen derzeit nichts weiter tun.",
}

LABEL_QUOTE = "„{label}“"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Ergebnis der Prüfung Ihrer Berichtsvorlage",
        "sep": ", ",
        "greeting": "Sehr geehrtes Team von {name},",
        "intro_one": "vielen Dank für Ihre E-Mail. Wir haben die von Ihnen gesendete Datei geprüft:",
        "intro_many": "vielen Dank für Ihre E-Mail. Wir haben die {count} von Ihnen gesendeten Dateien geprüft:",
        "accepted": "ANGENOMMEN: {family} Revision {version}",
        "scope": "Geltungsbereich der Erklärung: ",
        "metals": "Metalle im Geltungsbereich: ",
        "smelters": "Aufgeführte Schmelzhütten: ",
        "not_stated": "nicht angegeben",
        "none": "keine",
        "rejected": "NOCH NICHT ANGENOMMEN: {family} Revision {version}",
        "please_fix": "Bitte korrigieren Sie Folgendes in der Datei und senden Sie sie erneut als Antwort auf diese E-Mail:",
        "sheet_cell": "Tabellenblatt „{sheet}“, Zelle {cell}: ",
        "sheet_only": "Tabellenblatt „{sheet}“: ",
        "held": "EINGEGANGEN: EIN MITGLIED UNSERES TEAMS PRÜFT DIE DATEI",
        "attached": "Im Anhang dieser E-Mail: {files} (leere Vorlage).",
        "unreadable": "DIESE DATEI KONNTEN WIR NICHT VERWENDEN",
        "send_instead": "Falls Sie eine leere Vorlage benötigen: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "Bitte prüfen Sie außerdem (dies steht der Annahme nicht entgegen):",
        "automatic": "Dies ist eine automatisch erstellte Nachricht. Wenn Sie eine Frage haben, antworten Sie bitte auf diese E-Mail; ein Mitglied unseres Teams wird sie lesen.",
        "closing": "Mit freundlichen Grüßen",
    },
    "ask": {
        "intro": "vielen Dank für Ihre E-Mail. Wir konnten darin keine ausgefüllte Berichtsvorlage im Anhang finden.",
        "other_files": "Wir haben {files} erhalten; diese Dateien können wir für diese Umfrage nicht verwenden.",
        "wanted": "Bitte antworten Sie auf diese E-Mail und hängen Sie Ihre ausgefüllte {family} als Excel-Arbeitsmappe (.xlsx) an.",
        "min_version": "Bitte verwenden Sie Revision {version} oder neuer der Vorlage.",
        "due": "Für Ihre Antwort bis zum {due} wären wir Ihnen dankbar.",
        "generic": "Bitte antworten Sie auf diese E-Mail und hängen Sie Ihre ausgefüllte RMI-Berichtsvorlage (CMRT, EMRT, CRT oder AMRT) als Excel-Arbeitsmappe (.xlsx) an.",
        "download": "Leere Vorlagen können Sie hier herunterladen: https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Erinnerung: {family} für {supplier}, fällig am {due}",
        "title": "Erinnerung: Ihre Berichtsvorlage",
        "dear": "Guten Tag {name},",
        "why_missing": "wir möchten Sie an unsere Umfrage {campaign} erinnern: Ihre ausgefüllte {family} liegt uns noch nicht vor.",
        "why_overdue": "wir möchten Sie an unsere Umfrage {campaign} erinnern: Die Frist für Ihre {family} ist abgelaufen, und uns liegt noch keine gültige Datei von Ihnen vor.",
        "why_rejected": "wir möchten Sie an unsere Umfrage {campaign} erinnern: Die zuletzt von Ihnen gesendete {family} konnte nicht angenommen werden; bitte senden Sie eine korrigierte Datei.",
        "ask": "Bitte antworten Sie bis zum {due} auf diese E-Mail und hängen Sie die {family} für {supplier} als Excel-Arbeitsmappe (.xlsx) an.",
        "min_version": "Bitte verwenden Sie Revision {version} oder neuer der Vorlage.",
        "not_applicable": "Falls Ihr Unternehmen keines der betroffenen Mineralien verwendet oder jemand anderes für Sie antwortet, teilen Sie uns dies bitte in einer Antwort mit.",
        "open_findings": "In Ihrer letzten Datei noch zu korrigieren:",
        "policy_again": "Sie haben unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien noch nicht zugestimmt. Um zuzustimmen, antworten Sie mit diesem Satz:",
        "thanks": "Vielen Dank.",
    },
    "own_declaration": {
        "title": "Zu der von Ihnen gesendeten Datei",
        "greeting": "Sehr geehrtes Team von {name},",
        "named": "vielen Dank für die Datei {file}. Das darin genannte Unternehmen ist „{in_file}“, nicht {name}.",
        "please": "Für unsere Umfrage benötigen wir die Erklärung Ihres eigenen Unternehmens. Bitte antworten Sie auf diese E-Mail mit der ausgefüllten Vorlage für {name}, oder teilen Sie uns mit, warum diese Datei die richtige ist (zum Beispiel, wenn {in_file} die Erklärung in Ihrem Namen abgibt).",
        "closing": "Mit freundlichen Grüßen",
    },
    "invitation": {
        "subject": "{family} für {supplier}, fällig am {due}",
        "title": "Unsere Umfrage zu verantwortungsvoll beschafften Mineralien",
        "intro": "Im Rahmen unseres Programms zur verantwortungsvollen Mineralienbeschaffung ({campaign}) bitten wir {supplier}, die beigefügte RMI-Vorlage {family}, Revision {version}, auszufüllen.",
        "requests_heading": "Außerdem bitten wir Sie,",
        "request_agree": "unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien zuzustimmen;",
        "request_own_policy": "eine eigene Richtlinie zu verantwortungsvoll beschafften Mineralien zu unterhalten;",
        "request_exclude": "Mineralien aus Konflikt- und Hochrisikogebieten auszuschließen, die bewaffnete Gruppen oder Menschenrechtsverletzungen finanzieren;",
        "request_cooperate": "an unseren Umfragen mitzuwirken und unsere Fragen zu Ihrer Lieferkette zu beantworten.",
        "policy_link": "Unsere Richtlinie (Fassung {version}): {url}",
        "agree": "Wenn Sie der Richtlinie zustimmen, antworten Sie bitte mit diesem Satz:",
        "answer": "So antworten Sie: Bitte antworten Sie bis zum {due} auf diese E-Mail und hängen Sie die ausgefüllte {family} als Excel-Datei an. Sie erhalten innerhalb weniger Minuten eine automatische Antwort: eine Bestätigung oder die genauen Zellen, die zu korrigieren sind.",
        "prefilled": "Wir haben {supplier} in der beigefügten Datei bereits als Firmennamen eingetragen.",
        "thanks": "Vielen Dank für Ihre Mitwirkung.",
    },
    "agreement_recorded": {
        "subject": "Ihre Zustimmung zu unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien, Fassung {version}",
        "greeting": "Hallo {name}-Team,",
        "recorded": "Vielen Dank. Wir haben Ihre Zustimmung zu unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien, Fassung {version}, anhand des von Ihnen gesendeten Dokuments {file} erfasst. Weiteres ist dafür nicht nötig.",
        "closing": "Mit freundlichen Grüßen",
    },
    "agreement_refused": {
        "title": "Zu der von Ihnen gesendeten Datei",
        "greeting": "Hallo {name}-Team,",
        "refused": "vielen Dank für die Datei {file}. Wir konnten sie nicht als Ihre Zustimmung zu unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien, Fassung {version}, werten.",
        "reason": "Anmerkung unseres Teams:",
        "agree": "Um zuzustimmen, antworten Sie bitte auf diese E-Mail mit diesem Satz:",
        "signed": "Oder senden Sie uns die Bestätigung der Richtlinie, unterschrieben von jemandem, der für {name} zeichnen darf, als PDF oder Foto.",
        "closing": "Mit freundlichen Grüßen",
    },
}
