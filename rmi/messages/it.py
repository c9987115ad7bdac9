# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Italian message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (Lei). Sheet names stay in English because the template's sheet tabs are English in
every language; answers are named with the words of the Italian template («Sì», «No»).
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    "field.missing": "{field}: il campo non è compilato. La preghiamo di inserirlo in {sheet}!{cell}.",
    "field.email_no_at": "{field} in {sheet}!{cell} non è un indirizzo e-mail (manca la «@»): «{value}». La preghiamo di inserire un indirizzo completo, ad esempio name@company.com.",
    "scope.description_missing": "L’ambito della dichiarazione C (definito dall’utente) richiede una descrizione. La preghiamo di descrivere l’ambito in {sheet}!{cell}.",
    "products.missing": "L’ambito della dichiarazione B (prodotti) richiede un elenco di prodotti, ma {sheet}!{cell} è vuota. La preghiamo di elencare i prodotti a partire dalla riga 6 del foglio Product List.",
    "minerals.none_selected": "Non è selezionato alcun minerale o metallo. La preghiamo di selezionarne almeno uno in {sheet}!{cell} e nelle celle adiacenti.",
    "minerals.other_unnamed": "In {sheet}!{cell} è selezionato «Other» (altro), ma il minerale non è indicato. La preghiamo di scriverne il nome nella cella tre righe più in basso ({sheet}!{name_cell}).",
    "answer.missing": "La domanda {question} ({mineral}) non ha risposta. La preghiamo di scegliere una risposta in {sheet}!{cell}.",
    "answer.optional_missing": "La domanda {question} ({mineral}) non ha risposta. È facoltativa, ma il Suo cliente la richiede: La preghiamo di scegliere una risposta in {sheet}!{cell}.",
    "answer.gate_missing": "La domanda {question} ({mineral}) non ha risposta, quindi il Checker non può stabilire quali domande e fonderie successive siano pertinenti. La preghiamo di scegliere una risposta in {sheet}!{cell}.",
    "answer.not_allowed": "«{value}» in {sheet}!{cell} non è tra le risposte ammesse per questa cella. La preghiamo di sceglierne una dall’elenco a discesa: {allowed}.",
    "answer.hidden_prefill": "La cella nascosta {sheet}!{cell} deve mantenere il «No» presente nel modello, ma è stata modificata o svuotata. La preghiamo di scaricare un nuovo modello dal sito web della RMI e di riportarvi le Sue risposte.",
    "company.missing": "La domanda {question} sull’azienda non ha risposta. La preghiamo di scegliere una risposta in {sheet}!{cell}.",
    "company.mineral_missing": "La domanda {question} sull’azienda ({mineral}) non ha risposta. La preghiamo di scegliere una risposta in {sheet}!{cell}.",
    "company.url_missing": "La risposta alla domanda {question} sull’azienda è «Sì», quindi il commento deve riportare l’indirizzo web (URL) della politica. La preghiamo di inserire l’URL in {sheet}!{cell}.",
    "company.url_invalid": "Il commento in {sheet}!{cell} dovrebbe essere l’indirizzo web della Sua politica, ma «{value}» non sembra un indirizzo web. La preghiamo di inserire un URL, ad esempio https://www.company.com/policy.",
    "company.describe_missing": "La risposta alla domanda {question} sull’azienda è «Sì, utilizzando un altro formato (descrivere)», ma manca la descrizione. La preghiamo di descrivere il formato nel commento {sheet}!{cell}.",
    "smelters.missing": "Non è indicata alcuna fonderia per il metallo «{mineral}», sebbene la dichiarazione affermi che è presente nei Suoi prodotti. La preghiamo di aggiungere nel foglio Smelter List almeno una riga con il metallo «{mineral}» e una fonderia scelta nella colonna «{lookup_column}», oppure di rispondere «No» alla domanda 1 o 2 ({mineral}).",
    "smelter.not_listed_no_name": "La riga {row} della Smelter List usa «Smelter not listed», ma non indica il nome della fonderia. La preghiamo di inserire il nome in {sheet}!{cell}.",
    "smelter.not_listed_no_country": "La riga {row} della Smelter List usa «Smelter not listed», ma non indica il paese. La preghiamo di scegliere il paese in {sheet}!{cell}.",
    "smelter.no_smelter_chosen": "La riga {row} della Smelter List indica il metallo «{metal}», ma nessuna fonderia. La preghiamo di scegliere la fonderia in {sheet}!{cell} (colonna «{column}») oppure di eliminare la riga.",
    "smelter.no_name": "La riga {row} della Smelter List non indica il nome della fonderia. La preghiamo di inserirlo in {sheet}!{cell}.",
    "smelter.no_country": "La riga {row} della Smelter List non indica il paese. La preghiamo di sceglierlo in {sheet}!{cell}.",
    "smelter.not_in_rmi_list": "La riga {row} della Smelter List indica «{name}», che non compare nell’elenco delle fonderie della RMI. La preghiamo di verificare se è elencata con un altro nome nella colonna «{lookup_column}»; in caso contrario, compili per intero via, città e recapiti, in modo che possa essere identificata.",
    "smelter.excluded_metal": plural(
        "count",
        one="La Smelter List contiene {count} riga per il metallo «{mineral}» (la riga {row}), ma la dichiarazione risponde «No» alla domanda {question} ({mineral}). La preghiamo di eliminare tale riga o di correggere la risposta in Declaration!{answer_cell}.",
        other="La Smelter List contiene {count} righe per il metallo «{mineral}» (la prima alla riga {row}), ma la dichiarazione risponde «No» alla domanda {question} ({mineral}). La preghiamo di eliminare tali righe o di correggere la risposta in Declaration!{answer_cell}.",
    ),
    "smelter.duplicate": "La riga {row} della Smelter List ripete la riga {first_row} ({smelter}, {cid}) con gli stessi dati in ogni colonna compilata, quindi le due righe potrebbero essere una sola. La preghiamo di eliminarne una.",
    "smelter_id.pasted_other_smelter": "Nella riga {row} della Smelter List è stato scritto «{value}» sopra la formula del numero di identificazione della fonderia in {sheet}!{cell}, ma la fonderia scelta nella riga è {chosen_cid}. La preghiamo di eliminare il valore scritto (ricopiando la formula da una riga non utilizzata) e di scegliere la fonderia nella colonna C o di inserirne il numero nella colonna A.",
    "smelter_id.pasted_wrong_metal": "Nella riga {row} della Smelter List è stato scritto «{value}» sopra la formula del numero di identificazione della fonderia in {sheet}!{cell}; si tratta di una fonderia per il metallo «{cid_metal}», ma la riga indica «{metal}». La preghiamo di eliminare il valore scritto (ricopiando la formula da una riga non utilizzata) e di scegliere la fonderia nella colonna C o di inserirne il numero nella colonna A.",
    "cid.unknown_unidentified": "Il numero di fonderia {cid} in {sheet}!{cell} non compare nell’elenco delle fonderie di questo modello, quindi la riga {row} non identifica alcuna fonderia (le sue colonne di ricerca mostrano #N/A). La preghiamo di verificare il numero o di scegliere la fonderia per nome nella colonna C; se non è elencata, scelga «Smelter not listed» e ne inserisca nome e paese.",
    "cid.malformed": "«{cid}» in {sheet}!{cell} non è un numero di identificazione di una fonderia. I numeri della RMI hanno la forma CID001234; La preghiamo di inserirne uno oppure di lasciare vuota la cella e scegliere la fonderia per nome.",
    "cid.unknown": "Il numero di fonderia {cid} in {sheet}!{cell} non compare nell’elenco delle fonderie di questo modello. La preghiamo di verificare il numero oppure, se la fonderia è stata aggiunta di recente, di utilizzare la revisione più recente del modello.",
    "cid.wrong_metal": "Il numero di fonderia {cid} in {sheet}!{cell} appartiene a una fonderia per il metallo «{cid_metal}», ma la riga indica «{metal}». La preghiamo di correggere il numero o il metallo.",
    "cid.mismatch": "Nella riga {row} della Smelter List è inserito {typed} nella colonna A, ma la fonderia scelta nella riga è {filled}. La preghiamo di far coincidere il numero in {sheet}!{cell} con la fonderia scelta.",
    "date.future": "La data di validità {date} in {sheet}!{cell} è nel futuro. La preghiamo di inserire la data da cui la dichiarazione è valida, non successiva a oggi.",
    "date.text": "La data di validità in {sheet}!{cell} è inserita come testo («{value}»). La preghiamo di inserirla come data, ad esempio 31-Jan-2025, affinché non venga letta diversamente in altri paesi.",
    "date.text_understood": "La data di validità in {sheet}!{cell} è inserita come testo («{value}»); è stata letta come {date}. La prossima volta La preghiamo di inserirla come data, ad esempio 31-Jan-2025.",
    "date.ambiguous": "La data di validità in {sheet}!{cell} è inserita come testo («{value}»), che a seconda del paese può significare {first} oppure {second}. La preghiamo di inserirla come data, ad esempio 31-Jan-2025.",
    "date.before_campaign": "La data di validità {date} in {sheet}!{cell} è anteriore al {dated_from}, la prima data accettata da questa indagine. La preghiamo di rivedere la Sua dichiarazione e di inviarla con una data aggiornata.",
    "date.stale": plural(
        "months",
        one="La data di validità {date} in {sheet}!{cell} risale a più di {months} mese fa. La preghiamo di rivedere la Sua dichiarazione e di inviarla con una data aggiornata.",
        other="La data di validità {date} in {sheet}!{cell} risale a più di {months} mesi fa. La preghiamo di rivedere la Sua dichiarazione e di inviarla con una data aggiornata.",
    ),
    "contact.placeholder": "{field} in {sheet}!{cell} è «{value}», che non identifica alcuna persona. La preghiamo di inserire il dato effettivo.",
    "email.invalid": "{field} in {sheet}!{cell} non è un indirizzo e-mail valido: «{value}». La preghiamo di inserire un solo indirizzo, ad esempio name@company.com.",
    "template.outdated": "Questo è il {family}, revisione {version}; la revisione più recente è la {newest}. La prossima volta La preghiamo di utilizzare il modello più recente disponibile sul sito web della RMI.",
    "template.below_minimum": "Questo è il {family}, revisione {version}, ma questa indagine richiede la revisione {minimum} o successiva. La preghiamo di scaricare il modello attuale dal sito web della RMI e di riportarvi le Sue risposte.",
    "template.prerelease": "Questa è una versione preliminare del {family} ({version}), che non viene accettata. La preghiamo di scaricare il modello pubblicato dal sito web della RMI e di riportarvi le Sue risposte.",
    "formulas.uncached": plural(
        "count",
        one="Il file contiene {count} cella con formula che non è mai stata calcolata (il file è stato generato da un programma, non salvato da un foglio di calcolo). La preghiamo di aprirlo in Excel o LibreOffice, salvarlo e inviarlo di nuovo.",
        other="Il file contiene {count} celle con formule che non sono mai state calcolate (il file è stato generato da un programma, non salvato da un foglio di calcolo). La preghiamo di aprirlo in Excel o LibreOffice, salvarlo e inviarlo di nuovo.",
    ),
    "file.rejected": "Non è stato possibile accettare l’allegato: {reason}",
    "file.not_a_template": "Questo file non è un modello di dichiarazione della RMI (CMRT, EMRT, CRT o AMRT). La preghiamo di inviare il modello compilato come file .xlsx.",
    "file.unreadable": "Non è stato possibile leggere il modello. La preghiamo di aprirlo in Excel, salvarlo come .xlsx e inviarlo di nuovo.",
    "file.note": "{reason}",
    "template.read_as": "Questo è il {family}, revisione {version}, più recente delle revisioni che controlliamo cella per cella; le sue celle corrispondono al {family} {read_as}, quindi è stato letto come compatibile con la {read_as}.",
    "template.retired": "Questo file ({file}) è il {family}, revisione {version}, una revisione che non viene più accettata. La revisione attuale è il {family} {current}. La preghiamo di riportare le Sue risposte nel modello vuoto allegato a questa e-mail e di rinviarcelo.",
    "template.retired.outside_mail": "Questo file ({file}) è il {family}, revisione {version}, una revisione che non viene più accettata. La revisione attuale è il {family} {current}. Le risposte devono essere riportate in un modello vuoto {family} {current} (l’e-mail di risposta di surveybot ne allega uno).",
    "template.held": "Abbiamo ricevuto il {family}, revisione {version} ({file}). Questa revisione è più recente di quelle che controlliamo automaticamente, quindi un membro del nostro team la esaminerà e Le risponderà; per ora non deve fare nulla.",
    "file.xls_revision": "{file} è il {family}, revisione {version}, salvato nel vecchio formato Excel 97-2003 (.xls). La preghiamo di aprirlo in Excel, scegliere File > Salva con nome > Cartella di lavoro di Excel (.xlsx) e inviare quel file.",
    "template.unsupported": "Questo file sembra un modello della RMI, ma non possiamo controllarne la revisione. La preghiamo di utilizzare il modello attuale disponibile sul sito web della RMI.",
}

TERMS: dict[str, str] = {
    "field.company_name": "La denominazione sociale",
    "field.declaration_scope": "L’ambito della dichiarazione",
    "field.scope_description": "La descrizione dell’ambito",
    "field.contact_name": "Il nome della persona di contatto",
    "field.contact_email": "L’e-mail della persona di contatto",
    "field.contact_phone": "Il telefono della persona di contatto",
    "field.authorizer_name": "Il nome del firmatario autorizzato",
    "field.authorizer_email": "L’e-mail del firmatario autorizzato",
    "field.authorizer_title": "Il ruolo del firmatario autorizzato",
    "field.authorizer_phone": "Il telefono del firmatario autorizzato",
    "field.effective_date": "La data di validità",
    "mineral.Tantalum": "tantalio",
    "mineral.Tin": "stagno",
    "mineral.Gold": "oro",
    "mineral.Tungsten": "tungsteno",
    "mineral.Cobalt": "cobalto",
    "mineral.Mica": "mica",
    "mineral.Copper": "rame",
    "mineral.Graphite": "grafite",
    "mineral.Lithium": "litio",
    "mineral.Nickel": "nichel",
    "mineral.Aluminum": "alluminio",
    "mineral.Silver": "argento",
    "mineral.Zinc": "zinco",
    "mineral.Palladium": "palladio",
    "mineral.Platinum": "platino",
    "mineral.Manganese": "manganese",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "La preghiamo di allegare direttamente il modello RMI compilato, salvato come cartella di lavoro di Excel (.xlsx)"
_SAVE = "La preghiamo di aprirlo in Excel, scegliere File > Salva con nome > Cartella di lavoro di Excel (.xlsx) e inviare quel file"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "Il file «{file}» è vuoto; " + _XLSX + ".",
    "FILE-TOO-LARGE": "Il file «{file}» supera la dimensione consentita; "
    + _XLSX
    + ", senza immagini incorporate né fogli aggiuntivi.",
    "FILE-ENCRYPTED": "Il file «{file}» è protetto da password e quindi non può essere controllato; La preghiamo di rimuovere la password, salvarlo come .xlsx e inviarlo di nuovo.",
    "FILE-XLS-LEGACY": "Il file «{file}» è nel vecchio formato Excel 97-2003 (.xls); " + _SAVE + ".",
    "FILE-XLSB": "Il file «{file}» è una cartella di lavoro binaria di Excel (.xlsb); " + _SAVE + ".",
    "FILE-ODS": "Il file «{file}» è un foglio di calcolo OpenDocument (.ods); La preghiamo di salvarlo come cartella di lavoro di Excel (.xlsx) e di inviare quel file.",
    "FILE-XLSM-MACRO": "Il file «{file}» contiene macro (.xlsm): ne leggiamo i dati senza mai eseguirne le macro, ma la prossima volta La preghiamo di restituire il modello RMI in formato .xlsx.",
    "FILE-ARCHIVE-7Z": "Il file «{file}» è un archivio 7-Zip, che non apriamo; La preghiamo di allegare direttamente il file .xlsx.",
    "FILE-ARCHIVE-RAR": "Il file «{file}» è un archivio RAR, che non apriamo; La preghiamo di allegare direttamente il file .xlsx.",
    "FILE-ARCHIVE-OTHER": "Il file «{file}» è un file compresso, che non apriamo; La preghiamo di allegare direttamente il file .xlsx.",
    "FILE-ZIP-MULTIPLE": "L’archivio «{file}» contiene più cartelle di lavoro; La preghiamo di inviare ogni modello compilato come allegato .xlsx separato.",
    "FILE-ZIP-NO-WORKBOOK": "L’archivio «{file}» non contiene alcuna cartella di lavoro di Excel; "
    + _XLSX
    + ".",
    "FILE-ZIP-NESTED": "Il file «{file}» è un archivio contenuto in un altro archivio; La preghiamo di allegare direttamente il file .xlsx.",
    "FILE-ZIP-EXTRA-FILES": "Abbiamo controllato la cartella di lavoro contenuta nell’archivio «{file}» e ignorato gli altri file presenti.",
    "FILE-PDF": "Il file «{file}» è un PDF, che non può essere controllato; "
    + _XLSX
    + ", non un PDF o una stampa.",
    "FILE-IMAGE": "Il file «{file}» è un’immagine, che non può essere controllata; "
    + _XLSX
    + ", non una schermata o una scansione.",
    "FILE-WINMAIL": "Il file «{file}» è arrivato come winmail.dat, il formato RTF di Outlook che nasconde l’allegato vero e proprio; La preghiamo di inviare di nuovo il messaggio in formato HTML o testo normale, oppure di inviare il file .xlsx all’interno di un file .zip.",
    "FILE-OFFICE-OTHER": "Il file «{file}» è un altro documento di Office, non una cartella di lavoro di Excel; "
    + _XLSX
    + ".",
    "FILE-TEXT": "Il file «{file}» è un file di testo (ad esempio CSV), non il modello RMI; " + _XLSX + ".",
    "FILE-UNKNOWN": "Il file «{file}» non è una cartella di lavoro di Excel che riconosciamo; " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "Il file «{file}» è danneggiato o incompleto (potrebbe essere stato troncato durante l’invio); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "Il file «{file}» non è una cartella di lavoro di Excel valida (il suo contenuto è danneggiato); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "Il file «{file}» è un file di Office danneggiato; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "Una volta decompresso, il file «{file}» occuperebbe molto più spazio di qualsiasi modello RMI, perciò non è stato aperto; La preghiamo di inviare il modello salvato da Excel in formato .xlsx.",
    "FILE-XML-UNSAFE": "Il file «{file}» contiene dichiarazioni XML che Excel non scrive mai, perciò per sicurezza non è stato aperto; "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "Non è stato possibile elaborare il file «{file}» a causa di un problema da parte nostra; il nostro team è stato informato e La ricontatterà. Per ora non deve fare nulla.",
}

LABEL_QUOTE = "«{label}»"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Esito del controllo del Suo modello di dichiarazione",
        "sep": ", ",
        "greeting": "Spettabile {name},",
        "intro_one": "La ringraziamo per la Sua e-mail. Abbiamo controllato il file che ci ha inviato:",
        "intro_many": "La ringraziamo per la Sua e-mail. Abbiamo controllato i {count} file che ci ha inviato:",
        "accepted": "ACCETTATO: {family}, revisione {version}",
        "scope": "Ambito della dichiarazione: ",
        "metals": "Metalli interessati: ",
        "smelters": "Fonderie indicate: ",
        "not_stated": "non indicato",
        "none": "nessuno",
        "rejected": "NON ANCORA ACCETTATO: {family}, revisione {version}",
        "please_fix": "La preghiamo di correggere quanto segue nel file e di inviarlo di nuovo rispondendo a questa e-mail:",
        "sheet_cell": "Foglio «{sheet}», cella {cell}: ",
        "sheet_only": "Foglio «{sheet}»: ",
        "held": "RICEVUTO: UN MEMBRO DEL NOSTRO TEAM LO ESAMINERÀ",
        "attached": "In allegato a questa e-mail: {files} (modello vuoto).",
        "unreadable": "NON È STATO POSSIBILE UTILIZZARE QUESTO FILE",
        "send_instead": "Se Le occorre un modello vuoto: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "Da verificare inoltre (questi punti non impediscono l’accettazione):",
        "automatic": "Questo è un messaggio automatico. Per qualsiasi domanda, risponda a questa e-mail: un membro del nostro team la leggerà.",
        "closing": "Cordiali saluti,",
    },
    "ask": {
        "intro": "La ringraziamo per la Sua e-mail. Non vi abbiamo trovato in allegato alcun modello di dichiarazione compilato.",
        "other_files": "Abbiamo ricevuto {files}, che non possiamo utilizzare per questa indagine.",
        "wanted": "La preghiamo di rispondere a questa e-mail allegando il Suo {family} compilato come cartella di lavoro di Excel (.xlsx).",
        "min_version": "La preghiamo di utilizzare la revisione {version} del modello o una successiva.",
        "due": "Le saremmo grati di ricevere la Sua risposta entro il {due}.",
        "generic": "La preghiamo di rispondere a questa e-mail allegando il Suo modello di dichiarazione RMI compilato (CMRT, EMRT, CRT o AMRT) come cartella di lavoro di Excel (.xlsx).",
        "download": "I modelli vuoti possono essere scaricati da https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Promemoria: {family} di {supplier}, scadenza {due}",
        "title": "Promemoria: il Suo modello di dichiarazione",
        "dear": "Gentile {name},",
        "why_missing": "Le ricordiamo la nostra indagine {campaign}: non abbiamo ancora ricevuto il Suo {family} compilato.",
        "why_overdue": "Le ricordiamo la nostra indagine {campaign}: la scadenza per il Suo {family} è trascorsa e non abbiamo ancora ricevuto da Lei un file valido.",
        "why_rejected": "Le ricordiamo la nostra indagine {campaign}: l’ultimo {family} che ci ha inviato non è stato accettato; La preghiamo di inviarci un file corretto.",
        "ask": "La preghiamo di rispondere a questa e-mail entro il {due} allegando il {family} di {supplier} come cartella di lavoro di Excel (.xlsx).",
        "min_version": "La preghiamo di utilizzare la revisione {version} del modello o una successiva.",
        "not_applicable": "Se la Sua azienda non utilizza nessuno dei minerali interessati, o se un’altra persona risponde per Lei, ce lo comunichi rispondendo a questa e-mail.",
        "open_findings": "Ancora da correggere nel suo ultimo file:",
        "policy_again": "Non ha ancora accettato la nostra politica di approvvigionamento responsabile dei minerali. Per accettarla, risponda con questa frase:",
        "thanks": "La ringraziamo.",
    },
    "own_declaration": {
        "title": "Il file che ci ha inviato",
        "greeting": "Spettabile {name},",
        "named": "La ringraziamo per averci inviato {file}. L’azienda indicata nel file è «{in_file}», non {name}.",
        "please": "Per la nostra indagine ci occorre la dichiarazione della Sua azienda. La preghiamo di rispondere a questa e-mail allegando il modello compilato per {name}, oppure di spiegarci perché questo file è quello corretto (ad esempio se {in_file} effettua la dichiarazione per Suo conto).",
        "closing": "Cordiali saluti,",
    },
    "invitation": {
        "subject": "{family} di {supplier}, scadenza {due}",
        "title": "La nostra indagine sui minerali responsabili",
        "intro": "Nell’ambito del nostro programma per i minerali responsabili ({campaign}) chiediamo a {supplier} di compilare il modello RMI {family} allegato, revisione {version}.",
        "requests_heading": "Vi chiediamo inoltre di:",
        "request_agree": "accettare la nostra politica di approvvigionamento responsabile dei minerali;",
        "request_own_policy": "adottare e mantenere una vostra politica sui minerali responsabili;",
        "request_exclude": "escludere i minerali provenienti da zone di conflitto e ad alto rischio che finanziano gruppi armati o violazioni dei diritti umani;",
        "request_cooperate": "collaborare alle nostre indagini e rispondere alle nostre domande sulla vostra catena di fornitura.",
        "policy_link": "La nostra politica (versione {version}): {url}",
        "agree": "Per accettare la politica, Vi preghiamo di rispondere con questa frase:",
        "answer": "Come rispondere: Vi preghiamo di rispondere a questa e-mail entro il {due}, allegando il {family} compilato come file Excel. Entro pochi minuti riceverete una risposta automatica: una conferma oppure le celle esatte da correggere.",
        "prefilled": "Abbiamo già inserito {supplier} come ragione sociale nel file allegato.",
        "thanks": "Vi ringraziamo per la collaborazione.",
    },
    "agreement_recorded": {
        "subject": "La vostra accettazione della nostra politica di approvvigionamento responsabile dei minerali, versione {version}",
        "greeting": "Gentile team {name},",
        "recorded": "Grazie. Abbiamo registrato la vostra accettazione della nostra politica di approvvigionamento responsabile dei minerali, versione {version}, dal documento {file} che ci avete inviato. Non serve altro.",
        "closing": "Cordiali saluti,",
    },
    "agreement_refused": {
        "title": "Sul file che ci avete inviato",
        "greeting": "Gentile team {name},",
        "refused": "grazie per averci inviato {file}. Non abbiamo potuto considerarlo come la vostra accettazione della nostra politica di approvvigionamento responsabile dei minerali, versione {version}.",
        "reason": "Nota del nostro team:",
        "agree": "Per accettarla, rispondete a questa e-mail con questa frase:",
        "signed": "Oppure inviateci la presa d'atto della politica, firmata da una persona autorizzata a firmare per {name}, in PDF o come foto.",
        "closing": "Cordiali saluti,",
    },
}
