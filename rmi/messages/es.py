# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Spanish message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (usted). Sheet names stay in English because the template's sheet tabs are English in
every language; answers are named with the words of the Spanish template («Sí», «No»).
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    "field.missing": "{field} está vacío. Introdúzcalo en {sheet}!{cell}.",
    "field.email_no_at": "{field} en {sheet}!{cell} no es una dirección de correo electrónico (falta la «@»): «{value}». Introduzca una dirección completa, por ejemplo name@company.com.",
    "scope.description_missing": "El alcance de la declaración C (definido por el usuario) requiere una descripción. Describa el alcance en {sheet}!{cell}.",
    "products.missing": "El alcance de la declaración B (productos) requiere una lista de productos, pero {sheet}!{cell} está vacía. Indique los productos a partir de la fila 6 de la hoja Product List.",
    "minerals.none_selected": "No hay ningún mineral ni metal seleccionado. Seleccione al menos uno en {sheet}!{cell} y en las celdas contiguas.",
    "minerals.other_unnamed": "En {sheet}!{cell} está seleccionado «Other» (otro), pero no se indica el mineral. Escriba su nombre en la celda situada tres filas más abajo ({sheet}!{name_cell}).",
    "answer.missing": "La pregunta {question} ({mineral}) no está respondida. Elija una respuesta en {sheet}!{cell}.",
    "answer.optional_missing": "La pregunta {question} ({mineral}) no está respondida. Es opcional, pero su cliente la solicita: elija una respuesta en {sheet}!{cell}.",
    "answer.gate_missing": "La pregunta {question} ({mineral}) no está respondida, por lo que el Checker no puede determinar qué preguntas y fundiciones siguientes corresponden. Elija una respuesta en {sheet}!{cell}.",
    "answer.not_allowed": "«{value}» en {sheet}!{cell} no es una de las respuestas que admite esta celda. Elija una de la lista desplegable: {allowed}.",
    "answer.hidden_prefill": "La celda oculta {sheet}!{cell} debe conservar el «No» que trae la plantilla, pero se ha modificado o borrado. Descargue una plantilla nueva del sitio web de la RMI y copie en ella sus respuestas.",
    "company.missing": "La pregunta {question} sobre la empresa no está respondida. Elija una respuesta en {sheet}!{cell}.",
    "company.mineral_missing": "La pregunta {question} sobre la empresa ({mineral}) no está respondida. Elija una respuesta en {sheet}!{cell}.",
    "company.url_missing": "La pregunta {question} sobre la empresa está respondida con «Sí», por lo que el comentario debe indicar la dirección web (URL) de la política. Introduzca la URL en {sheet}!{cell}.",
    "company.url_invalid": "El comentario en {sheet}!{cell} debería ser la dirección web de su política, pero «{value}» no parece una dirección web. Introduzca una URL, por ejemplo https://www.company.com/policy.",
    "company.describe_missing": "La pregunta {question} sobre la empresa está respondida con «Sí, a través de otro formulario (descríbalo)», pero no se describe nada. Describa el formato en el comentario {sheet}!{cell}.",
    "smelters.missing": "No se indica ninguna fundición de {mineral}, aunque la declaración afirma que está presente en sus productos. Añada en la hoja Smelter List al menos una fila con el metal «{mineral}» y una fundición elegida en la columna «{lookup_column}», o responda «No» a la pregunta 1 o 2 ({mineral}).",
    "smelter.not_listed_no_name": "La fila {row} de la Smelter List usa «Smelter not listed», pero no indica el nombre de la fundición. Introduzca el nombre en {sheet}!{cell}.",
    "smelter.not_listed_no_country": "La fila {row} de la Smelter List usa «Smelter not listed», pero no indica el país. Elija el país en {sheet}!{cell}.",
    "smelter.no_smelter_chosen": "La fila {row} de la Smelter List indica el metal {metal}, pero ninguna fundición. Elija la fundición en {sheet}!{cell} (columna «{column}») o elimine la fila.",
    "smelter.no_name": "La fila {row} de la Smelter List no indica el nombre de la fundición. Introdúzcalo en {sheet}!{cell}.",
    "smelter.no_country": "La fila {row} de la Smelter List no indica el país. Elíjalo en {sheet}!{cell}.",
    "smelter.not_in_rmi_list": "La fila {row} de la Smelter List indica «{name}», que no figura en la lista de fundiciones de la RMI. Compruebe si figura con otro nombre en la columna «{lookup_column}»; de lo contrario, complete la calle, la ciudad y los datos de contacto para que pueda identificarse.",
    "smelter.excluded_metal": plural(
        "count",
        one="La Smelter List tiene {count} fila de {mineral} (la fila {row}), pero la declaración responde «No» a la pregunta {question} ({mineral}). Elimine esa fila o corrija la respuesta en Declaration!{answer_cell}.",
        other="La Smelter List tiene {count} filas de {mineral} (la primera en la fila {row}), pero la declaración responde «No» a la pregunta {question} ({mineral}). Elimine esas filas o corrija la respuesta en Declaration!{answer_cell}.",
    ),
    "smelter.duplicate": "La fila {row} de la Smelter List repite la fila {first_row} ({smelter}, {cid}) con los mismos datos en todas las columnas completadas, por lo que ambas filas podrían ser una sola. Elimine una de ellas.",
    "smelter_id.pasted_other_smelter": "En la fila {row} de la Smelter List se ha escrito «{value}» sobre la fórmula del número de identificación de la fundición en {sheet}!{cell}, pero la fundición elegida en la fila es {chosen_cid}. Elimine el valor escrito (copie de nuevo la fórmula desde una fila no utilizada) y elija la fundición en la columna C o escriba su número en la columna A.",
    "smelter_id.pasted_wrong_metal": "En la fila {row} de la Smelter List se ha escrito «{value}» sobre la fórmula del número de identificación de la fundición en {sheet}!{cell}; se trata de una fundición de {cid_metal}, pero la fila indica {metal}. Elimine el valor escrito (copie de nuevo la fórmula desde una fila no utilizada) y elija la fundición en la columna C o escriba su número en la columna A.",
    "cid.unknown_unidentified": "El número de fundición {cid} en {sheet}!{cell} no figura en la lista de fundiciones de esta plantilla, por lo que la fila {row} no identifica ninguna fundición (sus columnas de búsqueda muestran #N/A). Compruebe el número o elija la fundición por su nombre en la columna C; si no figura, elija «Smelter not listed» y escriba su nombre y país.",
    "cid.malformed": "«{cid}» en {sheet}!{cell} no es un número de identificación de fundición. Los números de la RMI tienen la forma CID001234; introduzca uno o deje la celda vacía y elija la fundición por su nombre.",
    "cid.unknown": "El número de fundición {cid} en {sheet}!{cell} no figura en la lista de fundiciones de esta plantilla. Compruebe el número o, si la fundición se ha añadido recientemente, utilice la revisión más reciente de la plantilla.",
    "cid.wrong_metal": "El número de fundición {cid} en {sheet}!{cell} corresponde a una fundición de {cid_metal}, pero la fila indica {metal}. Corrija el número o el metal.",
    "cid.mismatch": "En la fila {row} de la Smelter List se ha escrito {typed} en la columna A, pero la fundición elegida en la fila es {filled}. Haga que coincidan el número en {sheet}!{cell} y la fundición elegida.",
    "date.future": "La fecha efectiva {date} en {sheet}!{cell} es posterior a hoy. Introduzca la fecha desde la que es válida la declaración, como muy tarde la de hoy.",
    "date.text": "La fecha efectiva en {sheet}!{cell} está escrita como texto («{value}»). Introdúzcala como fecha, por ejemplo 31-Jan-2025, para que no se lea de otra manera en otros países.",
    "date.text_understood": "La fecha efectiva en {sheet}!{cell} está escrita como texto («{value}»); se ha leído como {date}. La próxima vez, introdúzcala como fecha, por ejemplo 31-Jan-2025.",
    "date.ambiguous": "La fecha efectiva en {sheet}!{cell} está escrita como texto («{value}»), que según el país puede significar {first} o {second}. Introdúzcala como fecha, por ejemplo 31-Jan-2025.",
    "date.before_campaign": "La fecha efectiva {date} en {sheet}!{cell} es anterior al {dated_from}, la primera fecha que acepta esta encuesta. Revise su declaración y envíela con una fecha actual.",
    "date.stale": plural(
        "months",
        one="La fecha efectiva {date} en {sheet}!{cell} tiene más de {months} mes de antigüedad. Revise su declaración y envíela con una fecha actual.",
        other="La fecha efectiva {date} en {sheet}!{cell} tiene más de {months} meses de antigüedad. Revise su declaración y envíela con una fecha actual.",
    ),
    "contact.placeholder": "{field} en {sheet}!{cell} es «{value}», que no identifica a ninguna persona. Introduzca el dato real.",
    "email.invalid": "{field} en {sheet}!{cell} no es una dirección de correo electrónico válida: «{value}». Introduzca una sola dirección, por ejemplo name@company.com.",
    "template.outdated": "Este archivo es la revisión {version} de la {family}; la revisión más reciente es la {newest}. La próxima vez, utilice la plantilla más reciente del sitio web de la RMI.",
    "template.below_minimum": "Este archivo es la revisión {version} de la {family}, pero esta encuesta exige la revisión {minimum} o posterior. Descargue la plantilla actual del sitio web de la RMI y copie en ella sus respuestas.",
    "template.prerelease": "Este archivo es una versión preliminar de la {family} ({version}), que no se acepta. Descargue la plantilla publicada del sitio web de la RMI y copie en ella sus respuestas.",
    "formulas.uncached": plural(
        "count",
        one="El archivo contiene {count} celda de fórmula que nunca se ha calculado (lo ha generado un programa, no se ha guardado con una hoja de cálculo). Ábralo en Excel o LibreOffice, guárdelo y envíelo de nuevo.",
        other="El archivo contiene {count} celdas de fórmula que nunca se han calculado (lo ha generado un programa, no se ha guardado con una hoja de cálculo). Ábralo en Excel o LibreOffice, guárdelo y envíelo de nuevo.",
    ),
    "file.rejected": "No se ha podido aceptar el archivo adjunto: {reason}",
    "file.not_a_template": "Este archivo no es una plantilla de declaración de la RMI (CMRT, EMRT, CRT o AMRT). Envíe la plantilla completada como archivo .xlsx.",
    "file.unreadable": "No se ha podido leer la plantilla. Ábrala en Excel, guárdela como .xlsx y envíela de nuevo.",
    "file.note": "{reason}",
    "template.read_as": "Este archivo es la revisión {version} de la {family}, más reciente que las revisiones que comprobamos celda por celda; sus celdas coinciden con la {family} {read_as}, por lo que se ha leído como compatible con la {read_as}.",
    "template.retired": "Este archivo ({file}) es la revisión {version} de la {family}, una revisión que ya no se acepta. La revisión actual es la {family} {current}. Copie sus respuestas en la plantilla en blanco adjunta a este correo y envíenosla.",
    "template.retired.outside_mail": "Este archivo ({file}) es la revisión {version} de la {family}, una revisión que ya no se acepta. La revisión actual es la {family} {current}. Las respuestas deben copiarse en una plantilla en blanco {family} {current} (el correo de respuesta de surveybot adjunta una).",
    "template.held": "Hemos recibido la revisión {version} de la {family} ({file}). Es más reciente que las revisiones que comprobamos automáticamente, por lo que un miembro de nuestro equipo la revisará y le responderá; por ahora no tiene que hacer nada.",
    "file.xls_revision": "{file} es la revisión {version} de la {family}, guardada en el antiguo formato Excel 97-2003 (.xls). Ábrala en Excel, elija Archivo > Guardar como > Libro de Excel (.xlsx) y envíe ese archivo.",
    "template.unsupported": "Este archivo parece una plantilla de la RMI, pero no podemos comprobar su revisión. Utilice la plantilla actual del sitio web de la RMI.",
}

TERMS: dict[str, str] = {
    "field.company_name": "El nombre de la empresa",
    "field.declaration_scope": "El alcance de la declaración",
    "field.scope_description": "La descripción del alcance",
    "field.contact_name": "El nombre del contacto",
    "field.contact_email": "El correo electrónico del contacto",
    "field.contact_phone": "El teléfono del contacto",
    "field.authorizer_name": "El nombre del autorizador",
    "field.authorizer_email": "El correo electrónico del autorizador",
    "field.authorizer_title": "El cargo del autorizador",
    "field.authorizer_phone": "El teléfono del autorizador",
    "field.effective_date": "La fecha efectiva",
    "mineral.Tantalum": "tantalio",
    "mineral.Tin": "estaño",
    "mineral.Gold": "oro",
    "mineral.Tungsten": "tungsteno",
    "mineral.Cobalt": "cobalto",
    "mineral.Mica": "mica",
    "mineral.Copper": "cobre",
    "mineral.Graphite": "grafito",
    "mineral.Lithium": "litio",
    "mineral.Nickel": "níquel",
    "mineral.Aluminum": "aluminio",
    "mineral.Silver": "plata",
    "mineral.Zinc": "zinc",
    "mineral.Palladium": "paladio",
    "mineral.Platinum": "platino",
    "mineral.Manganese": "manganeso",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "adjunte directamente la plantilla RMI completada, guardada como libro de Excel (.xlsx)"
_SAVE = "ábralo en Excel, elija Archivo > Guardar como > Libro de Excel (.xlsx) y envíe ese archivo"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "El archivo «{file}» está vacío; " + _XLSX + ".",
    "FILE-TOO-LARGE": "El archivo «{file}» supera el tamaño permitido; "
    + _XLSX
    + ", sin imágenes incrustadas ni hojas adicionales.",
    "FILE-ENCRYPTED": "El archivo «{file}» está protegido con contraseña y no se puede comprobar; quite la contraseña, guárdelo como .xlsx y envíelo de nuevo.",
    "FILE-XLS-LEGACY": "El archivo «{file}» está en el antiguo formato Excel 97-2003 (.xls); " + _SAVE + ".",
    "FILE-XLSB": "El archivo «{file}» es un libro binario de Excel (.xlsb); " + _SAVE + ".",
    "FILE-ODS": "El archivo «{file}» es una hoja de cálculo OpenDocument (.ods); guárdelo como libro de Excel (.xlsx) y envíe ese archivo.",
    "FILE-XLSM-MACRO": "El archivo «{file}» contiene macros (.xlsm): leemos sus datos y nunca ejecutamos sus macros, pero la próxima vez devuelva la plantilla RMI como .xlsx.",
    "FILE-ARCHIVE-7Z": "El archivo «{file}» es un archivo comprimido 7-Zip, que no abrimos; adjunte directamente el archivo .xlsx.",
    "FILE-ARCHIVE-RAR": "El archivo «{file}» es un archivo comprimido RAR, que no abrimos; adjunte directamente el archivo .xlsx.",
    "FILE-ARCHIVE-OTHER": "El archivo «{file}» es un archivo comprimido, que no abrimos; adjunte directamente el archivo .xlsx.",
    "FILE-ZIP-MULTIPLE": "El archivo comprimido «{file}» contiene varios libros; envíe cada plantilla completada como un adjunto .xlsx independiente.",
    "FILE-ZIP-NO-WORKBOOK": "El archivo comprimido «{file}» no contiene ningún libro de Excel; "
    + _XLSX
    + ".",
    "FILE-ZIP-NESTED": "El archivo «{file}» es un archivo comprimido dentro de otro; adjunte directamente el archivo .xlsx.",
    "FILE-ZIP-EXTRA-FILES": "Hemos comprobado el libro del archivo comprimido «{file}» y no hemos tenido en cuenta los demás archivos que contiene.",
    "FILE-PDF": "El archivo «{file}» es un PDF y no se puede comprobar; "
    + _XLSX
    + ", no un PDF ni una impresión.",
    "FILE-IMAGE": "El archivo «{file}» es una imagen y no se puede comprobar; "
    + _XLSX
    + ", no una captura de pantalla ni un escaneo.",
    "FILE-WINMAIL": "El archivo «{file}» llegó como winmail.dat, el envoltorio de texto enriquecido de Outlook que oculta el adjunto real; reenvíe el correo en formato HTML o de texto sin formato, o envíe el .xlsx dentro de un archivo .zip.",
    "FILE-OFFICE-OTHER": "El archivo «{file}» es otro documento de Office, no un libro de Excel; "
    + _XLSX
    + ".",
    "FILE-TEXT": "El archivo «{file}» es un archivo de texto (por ejemplo CSV), no la plantilla RMI; "
    + _XLSX
    + ".",
    "FILE-UNKNOWN": "El archivo «{file}» no es un libro de Excel que reconozcamos; " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "El archivo «{file}» está dañado o incompleto (puede haberse cortado durante el envío); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "El archivo «{file}» no es un libro de Excel válido (su contenido está dañado); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "El archivo «{file}» es un archivo de Office dañado; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "Al descomprimirse, el archivo «{file}» ocuparía mucho más que cualquier plantilla RMI, por lo que no se ha abierto; envíe la plantilla guardada desde Excel como .xlsx.",
    "FILE-XML-UNSAFE": "El archivo «{file}» contiene declaraciones XML que Excel nunca escribe, por lo que no se ha abierto por seguridad; "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "No hemos podido procesar el archivo «{file}» por un problema de nuestra parte; nuestro equipo ya está informado y se pondrá en contacto con usted. Por ahora no tiene que hacer nada.",
}

LABEL_QUOTE = "«{label}»"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Resultado de la comprobación de su plantilla de declaración",
        "sep": ", ",
        "greeting": "Estimado equipo de {name}:",
        "intro_one": "Le agradecemos su correo. Hemos comprobado el archivo que nos envió:",
        "intro_many": "Le agradecemos su correo. Hemos comprobado los {count} archivos que nos envió:",
        "accepted": "ACEPTADA: {family}, revisión {version}",
        "scope": "Alcance de la declaración: ",
        "metals": "Metales incluidos: ",
        "smelters": "Fundiciones indicadas: ",
        "not_stated": "no indicado",
        "none": "ninguno",
        "rejected": "AÚN NO ACEPTADA: {family}, revisión {version}",
        "please_fix": "Corrija lo siguiente en el archivo y envíelo de nuevo como respuesta a este correo:",
        "sheet_cell": "Hoja «{sheet}», celda {cell}: ",
        "sheet_only": "Hoja «{sheet}»: ",
        "held": "RECIBIDA: UN MIEMBRO DE NUESTRO EQUIPO LA REVISARÁ",
        "attached": "Adjunto a este correo: {files} (plantilla en blanco).",
        "unreadable": "NO HEMOS PODIDO UTILIZAR ESTE ARCHIVO",
        "send_instead": "Si necesita una plantilla en blanco: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "Conviene revisar también lo siguiente (no impide la aceptación):",
        "automatic": "Este es un mensaje automático. Si tiene alguna pregunta, responda a este correo y un miembro de nuestro equipo lo leerá.",
        "closing": "Atentamente,",
    },
    "ask": {
        "intro": "Le agradecemos su correo. No hemos encontrado adjunta ninguna plantilla de declaración completada.",
        "other_files": "Hemos recibido {files}, que no podemos utilizar para esta encuesta.",
        "wanted": "Responda a este correo adjuntando su {family} completada como libro de Excel (.xlsx).",
        "min_version": "Utilice la revisión {version} de la plantilla o una posterior.",
        "due": "Le agradeceríamos su respuesta antes del {due}.",
        "generic": "Responda a este correo adjuntando su plantilla de declaración RMI completada (CMRT, EMRT, CRT o AMRT) como libro de Excel (.xlsx).",
        "download": "Puede descargar las plantillas en blanco en https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Recordatorio: {family} de {supplier}, plazo {due}",
        "title": "Recordatorio: su plantilla de declaración",
        "dear": "Estimado/a {name}:",
        "why_missing": "Le recordamos nuestra encuesta {campaign}: aún no hemos recibido su {family} completada.",
        "why_overdue": "Le recordamos nuestra encuesta {campaign}: el plazo para su {family} ha vencido y aún no tenemos ningún archivo válido de su parte.",
        "why_rejected": "Le recordamos nuestra encuesta {campaign}: la última {family} que nos envió no pudo aceptarse; envíenos un archivo corregido.",
        "ask": "Responda a este correo antes del {due} adjuntando la {family} de {supplier} como libro de Excel (.xlsx).",
        "min_version": "Utilice la revisión {version} de la plantilla o una posterior.",
        "not_applicable": "Si su empresa no utiliza ninguno de los minerales incluidos, o si otra persona responde en su nombre, indíquenoslo respondiendo a este correo.",
        "open_findings": "Aún por corregir en su último archivo:",
        "policy_again": "Todavía no ha aceptado nuestra política de abastecimiento responsable de minerales. Para aceptarla, responda con esta frase:",
        "thanks": "Muchas gracias.",
    },
    "own_declaration": {
        "title": "Sobre el archivo que nos envió",
        "greeting": "Estimado equipo de {name}:",
        "named": "Le agradecemos el envío de {file}. La empresa que figura en él es «{in_file}», no {name}.",
        "please": "Para nuestra encuesta necesitamos la declaración de su propia empresa. Responda a este correo adjuntando la plantilla completada de {name}, o indíquenos por qué este archivo es el correcto (por ejemplo, si {in_file} declara en su nombre).",
        "closing": "Atentamente,",
    },
    "invitation": {
        "subject": "{family} de {supplier}, plazo {due}",
        "title": "Nuestra encuesta sobre minerales responsables",
        "intro": "En el marco de nuestro programa de minerales responsables ({campaign}), solicitamos a {supplier} que cumplimente la plantilla RMI {family} adjunta, revisión {version}.",
        "requests_heading": "Asimismo, les solicitamos que:",
        "request_agree": "acepten nuestra política de abastecimiento responsable de minerales;",
        "request_own_policy": "mantengan una política propia de minerales responsables;",
        "request_exclude": "excluyan los minerales procedentes de zonas de conflicto y de alto riesgo que financien a grupos armados o violaciones de los derechos humanos;",
        "request_cooperate": "colaboren con nuestras encuestas y respondan a nuestras preguntas sobre su cadena de suministro.",
        "policy_link": "Nuestra política (versión {version}): {url}",
        "agree": "Para aceptar la política, respondan con la siguiente frase:",
        "answer": "Cómo responder: respondan a este correo antes del {due} adjuntando la {family} cumplimentada como archivo de Excel. En pocos minutos recibirán una respuesta automática: una confirmación o las celdas exactas que deben corregir.",
        "prefilled": "Ya hemos introducido {supplier} como nombre de la empresa en el archivo adjunto.",
        "thanks": "Les agradecemos su colaboración.",
    },
    "agreement_recorded": {
        "subject": "Su aceptación de nuestra política de abastecimiento responsable de minerales, versión {version}",
        "greeting": "Hola, equipo de {name}:",
        "recorded": "Gracias. Hemos registrado su aceptación de nuestra política de abastecimiento responsable de minerales, versión {version}, a partir del documento {file} que nos envió. No hace falta nada más.",
        "closing": "Saludos cordiales,",
    },
    "agreement_refused": {
        "title": "Sobre el archivo que nos envió",
        "greeting": "Hola, equipo de {name}:",
        "refused": "Gracias por enviarnos {file}. No hemos podido tomarlo como su aceptación de nuestra política de abastecimiento responsable de minerales, versión {version}.",
        "reason": "Nota de nuestro equipo:",
        "agree": "Para aceptarla, responda a este correo con esta frase:",
        "signed": "O envíenos el acuse de recibo de la política, firmado por una persona autorizada a firmar por {name}, en PDF o como foto.",
        "closing": "Atentamente,",
    },
}
