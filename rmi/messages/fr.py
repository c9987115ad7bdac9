# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""French message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (vous). Sheet names stay in English because the template's sheet tabs are English in
every language; answers are named with the words of the French template (« Oui », « Non »). French
typography: a non-breaking space before « : ; ? » and inside guillemets.
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    "field.missing": "{field} n’est pas renseigné. Veuillez le saisir en {sheet}!{cell}.",
    "field.email_no_at": "{field} en {sheet}!{cell} n’est pas une adresse électronique (il manque « @ ») : « {value} ». Veuillez saisir une adresse complète, par exemple name@company.com.",
    "scope.description_missing": "Le périmètre de déclaration C (défini par l’utilisateur) exige une description. Veuillez décrire le périmètre en {sheet}!{cell}.",
    "products.missing": "Le périmètre de déclaration B (produits) exige une liste de produits, mais {sheet}!{cell} est vide. Veuillez indiquer les produits à partir de la ligne 6 de la feuille Product List.",
    "minerals.none_selected": "Aucun minerai ni métal n’est sélectionné. Veuillez en sélectionner au moins un en {sheet}!{cell} et dans les cellules voisines.",
    "minerals.other_unnamed": "« Other » (autre) est sélectionné en {sheet}!{cell}, mais le minerai n’est pas nommé. Veuillez saisir son nom dans la cellule située trois lignes plus bas ({sheet}!{name_cell}).",
    "answer.missing": "La question {question} ({mineral}) n’a pas de réponse. Veuillez choisir une réponse en {sheet}!{cell}.",
    "answer.optional_missing": "La question {question} ({mineral}) n’a pas de réponse. Elle est facultative, mais votre client la demande : veuillez choisir une réponse en {sheet}!{cell}.",
    "answer.gate_missing": "La question {question} ({mineral}) n’a pas de réponse ; le Checker ne peut donc pas déterminer quelles questions et quelles fonderies suivantes s’appliquent. Veuillez choisir une réponse en {sheet}!{cell}.",
    "answer.not_allowed": "« {value} » en {sheet}!{cell} ne fait pas partie des réponses autorisées pour cette cellule. Veuillez en choisir une dans la liste déroulante : {allowed}.",
    "answer.hidden_prefill": "La cellule masquée {sheet}!{cell} doit conserver le « No » fourni avec le modèle, mais elle a été modifiée ou effacée. Veuillez télécharger un nouveau modèle sur le site du RMI et y reporter vos réponses.",
    "company.missing": "La question {question} relative à l’entreprise n’a pas de réponse. Veuillez choisir une réponse en {sheet}!{cell}.",
    "company.mineral_missing": "La question {question} relative à l’entreprise ({mineral}) n’a pas de réponse. Veuillez choisir une réponse en {sheet}!{cell}.",
    "company.url_missing": "La réponse à la question {question} relative à l’entreprise est « Oui » ; le commentaire doit donc indiquer l’adresse web (URL) de la politique. Veuillez saisir l’URL en {sheet}!{cell}.",
    "company.url_invalid": "Le commentaire en {sheet}!{cell} devrait être l’adresse web de votre politique, mais « {value} » ne ressemble pas à une adresse web. Veuillez saisir une URL, par exemple https://www.company.com/policy.",
    "company.describe_missing": "La réponse à la question {question} relative à l’entreprise est « Oui, par un autre mode (donnez une description) », mais aucune description n’est fournie. Veuillez décrire ce mode dans le commentaire {sheet}!{cell}.",
    "smelters.missing": "Aucune fonderie n’est indiquée pour le métal « {mineral} », alors que la déclaration indique qu’il est présent dans vos produits. Veuillez ajouter dans la feuille Smelter List au moins une ligne avec le métal « {mineral} » et une fonderie choisie dans la colonne « {lookup_column} », ou répondre « Non » à la question 1 ou 2 ({mineral}).",
    "smelter.not_listed_no_name": "La ligne {row} de la Smelter List utilise « Smelter not listed » mais n’indique pas le nom de la fonderie. Veuillez saisir le nom en {sheet}!{cell}.",
    "smelter.not_listed_no_country": "La ligne {row} de la Smelter List utilise « Smelter not listed » mais n’indique pas de pays. Veuillez choisir le pays en {sheet}!{cell}.",
    "smelter.no_smelter_chosen": "La ligne {row} de la Smelter List indique le métal « {metal} », mais aucune fonderie. Veuillez choisir la fonderie en {sheet}!{cell} (colonne « {column} ») ou supprimer la ligne.",
    "smelter.no_name": "La ligne {row} de la Smelter List n’indique pas le nom de la fonderie. Veuillez le saisir en {sheet}!{cell}.",
    "smelter.no_country": "La ligne {row} de la Smelter List n’indique pas de pays. Veuillez le choisir en {sheet}!{cell}.",
    "smelter.not_in_rmi_list": "La ligne {row} de la Smelter List indique « {name} », qui ne figure pas dans la liste des fonderies du RMI. Veuillez vérifier si elle y figure sous un autre nom dans la colonne « {lookup_column} » ; sinon, renseignez intégralement la rue, la ville et les coordonnées du contact afin qu’elle puisse être identifiée.",
    "smelter.excluded_metal": plural(
        "count",
        one="La Smelter List contient {count} ligne pour le métal « {mineral} » (la ligne {row}), mais la déclaration répond « Non » à la question {question} ({mineral}). Veuillez supprimer cette ligne ou corriger la réponse en Declaration!{answer_cell}.",
        other="La Smelter List contient {count} lignes pour le métal « {mineral} » (la première à la ligne {row}), mais la déclaration répond « Non » à la question {question} ({mineral}). Veuillez supprimer ces lignes ou corriger la réponse en Declaration!{answer_cell}.",
    ),
    "smelter.duplicate": "La ligne {row} de la Smelter List reprend la ligne {first_row} ({smelter}, {cid}) avec les mêmes données dans chaque colonne renseignée ; les deux lignes peuvent donc n’en faire qu’une. Veuillez supprimer l’une d’elles.",
    "smelter_id.pasted_other_smelter": "À la ligne {row} de la Smelter List, « {value} » a été saisi à la place de la formule du numéro d’identification de la fonderie en {sheet}!{cell}, mais la fonderie choisie sur cette ligne est {chosen_cid}. Veuillez supprimer la valeur saisie (en recopiant la formule depuis une ligne inutilisée), puis choisir la fonderie dans la colonne C ou saisir son numéro dans la colonne A.",
    "smelter_id.pasted_wrong_metal": "À la ligne {row} de la Smelter List, « {value} » a été saisi à la place de la formule du numéro d’identification de la fonderie en {sheet}!{cell} ; il s’agit d’une fonderie pour le métal « {cid_metal} », alors que la ligne indique « {metal} ». Veuillez supprimer la valeur saisie (en recopiant la formule depuis une ligne inutilisée), puis choisir la fonderie dans la colonne C ou saisir son numéro dans la colonne A.",
    "cid.unknown_unidentified": "Le numéro de fonderie {cid} en {sheet}!{cell} ne figure pas dans la liste des fonderies de ce modèle ; la ligne {row} n’identifie donc aucune fonderie (ses colonnes de recherche affichent #N/A). Veuillez vérifier le numéro ou choisir la fonderie par son nom dans la colonne C ; si elle n’y figure pas, choisissez « Smelter not listed » et saisissez son nom et son pays.",
    "cid.malformed": "« {cid} » en {sheet}!{cell} n’est pas un numéro d’identification de fonderie. Les numéros du RMI sont de la forme CID001234 ; veuillez en saisir un ou laisser la cellule vide et choisir la fonderie par son nom.",
    "cid.unknown": "Le numéro de fonderie {cid} en {sheet}!{cell} ne figure pas dans la liste des fonderies de ce modèle. Veuillez vérifier le numéro ou, si la fonderie a été ajoutée récemment, utiliser la dernière révision du modèle.",
    "cid.wrong_metal": "Le numéro de fonderie {cid} en {sheet}!{cell} correspond à une fonderie pour le métal « {cid_metal} », alors que la ligne indique « {metal} ». Veuillez corriger le numéro ou le métal.",
    "cid.mismatch": "À la ligne {row} de la Smelter List, le numéro {typed} est saisi dans la colonne A, mais la fonderie choisie sur cette ligne est {filled}. Veuillez mettre en accord le numéro en {sheet}!{cell} et la fonderie choisie.",
    "date.future": "La date de la déclaration, le {date}, en {sheet}!{cell} se situe dans le futur. Veuillez saisir la date à partir de laquelle la déclaration est valable, au plus tard celle d’aujourd’hui.",
    "date.text": "La date de la déclaration en {sheet}!{cell} est saisie sous forme de texte (« {value} »). Veuillez la saisir comme une date, par exemple 31-Jan-2025, afin qu’elle ne soit pas lue différemment dans d’autres pays.",
    "date.text_understood": "La date de la déclaration en {sheet}!{cell} est saisie sous forme de texte (« {value} ») ; elle a été lue comme le {date}. La prochaine fois, veuillez la saisir comme une date, par exemple 31-Jan-2025.",
    "date.ambiguous": "La date de la déclaration en {sheet}!{cell} est saisie sous forme de texte (« {value} »), ce qui peut signifier le {first} ou le {second} selon le pays. Veuillez la saisir comme une date, par exemple 31-Jan-2025.",
    "date.before_campaign": "La date de la déclaration, le {date}, en {sheet}!{cell} est antérieure au {dated_from}, la première date acceptée par cette enquête. Veuillez revoir votre déclaration et nous la renvoyer avec une date actuelle.",
    "date.stale": plural(
        "months",
        one="La date de la déclaration, le {date}, en {sheet}!{cell} remonte à plus de {months} mois. Veuillez revoir votre déclaration et nous la renvoyer avec une date actuelle.",
        other="La date de la déclaration, le {date}, en {sheet}!{cell} remonte à plus de {months} mois. Veuillez revoir votre déclaration et nous la renvoyer avec une date actuelle.",
    ),
    "contact.placeholder": "{field} en {sheet}!{cell} est « {value} », ce qui ne désigne personne. Veuillez saisir l’information réelle.",
    "email.invalid": "{field} en {sheet}!{cell} n’est pas une adresse électronique valide : « {value} ». Veuillez saisir une seule adresse, par exemple name@company.com.",
    "template.outdated": "Ce fichier est le {family}, révision {version} ; la révision la plus récente est la {newest}. La prochaine fois, veuillez utiliser le modèle le plus récent disponible sur le site du RMI.",
    "template.below_minimum": "Ce fichier est le {family}, révision {version}, mais cette enquête exige la révision {minimum} ou une révision plus récente. Veuillez télécharger le modèle actuel sur le site du RMI et y reporter vos réponses.",
    "template.prerelease": "Ce fichier est une préversion du {family} ({version}), qui n’est pas acceptée. Veuillez télécharger le modèle publié sur le site du RMI et y reporter vos réponses.",
    "formulas.uncached": plural(
        "count",
        one="Le fichier contient {count} cellule de formule qui n’a jamais été calculée (il a été produit par un programme et non enregistré par un tableur). Veuillez l’ouvrir dans Excel ou LibreOffice, l’enregistrer et nous le renvoyer.",
        other="Le fichier contient {count} cellules de formule qui n’ont jamais été calculées (il a été produit par un programme et non enregistré par un tableur). Veuillez l’ouvrir dans Excel ou LibreOffice, l’enregistrer et nous le renvoyer.",
    ),
    "file.rejected": "La pièce jointe n’a pas pu être acceptée : {reason}",
    "file.not_a_template": "Ce fichier n’est pas un modèle de déclaration du RMI (CMRT, EMRT, CRT ou AMRT). Veuillez envoyer le modèle complété sous forme de fichier .xlsx.",
    "file.unreadable": "Le modèle n’a pas pu être lu. Veuillez l’ouvrir dans Excel, l’enregistrer au format .xlsx et nous le renvoyer.",
    "file.note": "{reason}",
    "template.read_as": "Ce fichier est le {family}, révision {version}, plus récente que les révisions que nous contrôlons cellule par cellule ; ses cellules correspondent au {family} {read_as}, il a donc été lu comme compatible avec la révision {read_as}.",
    "template.retired": "Ce fichier ({file}) est le {family}, révision {version}, une révision qui n’est plus acceptée. La révision actuelle est le {family} {current}. Veuillez reporter vos réponses dans le modèle vierge joint à ce message et nous le renvoyer.",
    "template.retired.outside_mail": "Ce fichier ({file}) est le {family}, révision {version}, une révision qui n’est plus acceptée. La révision actuelle est le {family} {current}. Les réponses doivent être reportées dans un modèle vierge {family} {current} (le message de réponse de surveybot en joint un).",
    "template.held": "Nous avons bien reçu le {family}, révision {version} ({file}). Cette révision est plus récente que celles que nous contrôlons automatiquement ; un membre de notre équipe va l’examiner et vous répondra. Vous n’avez rien à faire pour le moment.",
    "file.xls_revision": "{file} est le {family}, révision {version}, enregistré dans l’ancien format Excel 97-2003 (.xls). Veuillez l’ouvrir dans Excel, choisir Fichier > Enregistrer sous > Classeur Excel (.xlsx) et nous envoyer ce fichier.",
    "template.unsupported": "Ce fichier semble être un modèle du RMI, mais nous ne pouvons pas contrôler sa révision. Veuillez utiliser le modèle actuel disponible sur le site du RMI.",
}

TERMS: dict[str, str] = {
    "field.company_name": "Le nom de l’entreprise",
    "field.declaration_scope": "Le périmètre de la déclaration",
    "field.scope_description": "La description du périmètre",
    "field.contact_name": "Le nom du contact",
    "field.contact_email": "L’adresse électronique du contact",
    "field.contact_phone": "Le téléphone du contact",
    "field.authorizer_name": "Le nom du signataire autorisé",
    "field.authorizer_email": "L’adresse électronique du signataire autorisé",
    "field.authorizer_title": "La fonction du signataire autorisé",
    "field.authorizer_phone": "Le téléphone du signataire autorisé",
    "field.effective_date": "La date de la déclaration",
    "mineral.Tantalum": "tantale",
    "mineral.Tin": "étain",
    "mineral.Gold": "or",
    "mineral.Tungsten": "tungstène",
    "mineral.Cobalt": "cobalt",
    "mineral.Mica": "mica",
    "mineral.Copper": "cuivre",
    "mineral.Graphite": "graphite",
    "mineral.Lithium": "lithium",
    "mineral.Nickel": "nickel",
    "mineral.Aluminum": "aluminium",
    "mineral.Silver": "argent",
    "mineral.Zinc": "zinc",
    "mineral.Palladium": "palladium",
    "mineral.Platinum": "platine",
    "mineral.Manganese": "manganèse",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "veuillez joindre directement le modèle RMI complété, enregistré comme classeur Excel (.xlsx)"
_SAVE = "veuillez l’ouvrir dans Excel, choisir Fichier > Enregistrer sous > Classeur Excel (.xlsx) et nous envoyer ce fichier"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "Le fichier « {file} » est vide ; " + _XLSX + ".",
    "FILE-TOO-LARGE": "Le fichier « {file} » dépasse la taille autorisée ; "
    + _XLSX
    + ", sans images intégrées ni feuilles supplémentaires.",
    "FILE-ENCRYPTED": "Le fichier « {file} » est protégé par un mot de passe et ne peut donc pas être contrôlé ; veuillez supprimer le mot de passe, l’enregistrer au format .xlsx et nous le renvoyer.",
    "FILE-XLS-LEGACY": "Le fichier « {file} » est dans l’ancien format Excel 97-2003 (.xls) ; " + _SAVE + ".",
    "FILE-XLSB": "Le fichier « {file} » est un classeur Excel binaire (.xlsb) ; " + _SAVE + ".",
    "FILE-ODS": "Le fichier « {file} » est une feuille de calcul OpenDocument (.ods) ; veuillez l’enregistrer comme classeur Excel (.xlsx) et nous envoyer ce fichier.",
    "FILE-XLSM-MACRO": "Le fichier « {file} » contient des macros (.xlsm) : nous en lisons les données sans jamais exécuter ses macros, mais veuillez renvoyer le modèle RMI au format .xlsx la prochaine fois.",
    "FILE-ARCHIVE-7Z": "Le fichier « {file} » est une archive 7-Zip, que nous n’ouvrons pas ; veuillez joindre directement le fichier .xlsx.",
    "FILE-ARCHIVE-RAR": "Le fichier « {file} » est une archive RAR, que nous n’ouvrons pas ; veuillez joindre directement le fichier .xlsx.",
    "FILE-ARCHIVE-OTHER": "Le fichier « {file} » est un fichier compressé, que nous n’ouvrons pas ; veuillez joindre directement le fichier .xlsx.",
    "FILE-ZIP-MULTIPLE": "L’archive « {file} » contient plusieurs classeurs ; veuillez envoyer chaque modèle complété comme une pièce jointe .xlsx distincte.",
    "FILE-ZIP-NO-WORKBOOK": "L’archive « {file} » ne contient aucun classeur Excel ; " + _XLSX + ".",
    "FILE-ZIP-NESTED": "Le fichier « {file} » est une archive contenue dans une autre archive ; veuillez joindre directement le fichier .xlsx.",
    "FILE-ZIP-EXTRA-FILES": "Nous avons contrôlé le classeur de l’archive « {file} » et ignoré les autres fichiers qu’elle contient.",
    "FILE-PDF": "Le fichier « {file} » est un PDF, qui ne peut pas être contrôlé ; "
    + _XLSX
    + ", et non un PDF ou une impression.",
    "FILE-IMAGE": "Le fichier « {file} » est une image, qui ne peut pas être contrôlée ; "
    + _XLSX
    + ", et non une capture d’écran ou une numérisation.",
    "FILE-WINMAIL": "Le fichier « {file} » est arrivé sous la forme winmail.dat, l’enveloppe en texte enrichi d’Outlook qui masque la véritable pièce jointe ; veuillez renvoyer votre message au format HTML ou texte brut, ou envoyer le fichier .xlsx dans un fichier .zip.",
    "FILE-OFFICE-OTHER": "Le fichier « {file} » est un autre document Office, et non un classeur Excel ; "
    + _XLSX
    + ".",
    "FILE-TEXT": "Le fichier « {file} » est un fichier texte (par exemple CSV), et non le modèle RMI ; "
    + _XLSX
    + ".",
    "FILE-UNKNOWN": "Le fichier « {file} » n’est pas un classeur Excel que nous reconnaissons ; "
    + _XLSX
    + ".",
    "FILE-CORRUPT-ZIP": "Le fichier « {file} » est endommagé ou incomplet (il a peut-être été tronqué pendant l’envoi) ; "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "Le fichier « {file} » n’est pas un classeur Excel valide (son contenu est endommagé) ; "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "Le fichier « {file} » est un fichier Office endommagé ; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "Une fois décompressé, le fichier « {file} » occuperait bien plus de place que tout modèle RMI ; il n’a donc pas été ouvert. Veuillez envoyer le modèle enregistré depuis Excel au format .xlsx.",
    "FILE-XML-UNSAFE": "Le fichier « {file} » contient des déclarations XML qu’Excel n’écrit jamais ; par sécurité, il n’a pas été ouvert. "
    + _SAVE[0].upper()
    + _SAVE[1:]
    + ".",
    "FILE-UNREADABLE": "Nous n’avons pas pu traiter le fichier « {file} » en raison d’un problème de notre côté ; notre équipe en a été informée et reviendra vers vous. Vous n’avez rien à faire pour le moment.",
}

LABEL_QUOTE = "« {label} »"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Résultat du contrôle de votre modèle de déclaration",
        "sep": ", ",
        "greeting": "À l’attention de l’équipe {name},\nMadame, Monsieur,",
        "intro_one": "Nous vous remercions de votre message. Nous avons contrôlé le fichier que vous nous avez envoyé :",
        "intro_many": "Nous vous remercions de votre message. Nous avons contrôlé les {count} fichiers que vous nous avez envoyés :",
        "accepted": "ACCEPTÉ : {family}, révision {version}",
        "scope": "Périmètre de la déclaration : ",
        "metals": "Métaux concernés : ",
        "smelters": "Fonderies indiquées : ",
        "not_stated": "non indiqué",
        "none": "aucun",
        "rejected": "PAS ENCORE ACCEPTÉ : {family}, révision {version}",
        "please_fix": "Veuillez corriger les points suivants dans le fichier et nous le renvoyer en réponse à ce message :",
        "sheet_cell": "Feuille « {sheet} », cellule {cell} : ",
        "sheet_only": "Feuille « {sheet} » : ",
        "held": "REÇU : UN MEMBRE DE NOTRE ÉQUIPE VA L’EXAMINER",
        "attached": "Pièce jointe à ce message : {files} (modèle vierge).",
        "unreadable": "NOUS N’AVONS PAS PU UTILISER CE FICHIER",
        "send_instead": "Si vous avez besoin d’un modèle vierge : https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "À vérifier également (ces points n’empêchent pas l’acceptation) :",
        "automatic": "Ce message est envoyé automatiquement. Pour toute question, répondez à ce message : un membre de notre équipe le lira.",
        "closing": "Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.",
    },
    "ask": {
        "intro": "Nous vous remercions de votre message. Nous n’y avons trouvé aucun modèle de déclaration complété en pièce jointe.",
        "other_files": "Nous avons reçu {files}, que nous ne pouvons pas utiliser pour cette enquête.",
        "wanted": "Veuillez répondre à ce message en joignant votre {family} complété sous forme de classeur Excel (.xlsx).",
        "min_version": "Veuillez utiliser la révision {version} du modèle ou une révision plus récente.",
        "due": "Nous vous serions reconnaissants de nous répondre d’ici le {due}.",
        "generic": "Veuillez répondre à ce message en joignant votre modèle de déclaration RMI complété (CMRT, EMRT, CRT ou AMRT) sous forme de classeur Excel (.xlsx).",
        "download": "Les modèles vierges peuvent être téléchargés à l’adresse https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Rappel : {family} pour {supplier}, à remettre d’ici le {due}",
        "title": "Rappel : votre modèle de déclaration",
        "dear": "À l’attention de {name},\nMadame, Monsieur,",
        "why_missing": "Nous nous permettons de vous rappeler notre enquête {campaign} : nous n’avons pas encore reçu votre {family} complété.",
        "why_overdue": "Nous nous permettons de vous rappeler notre enquête {campaign} : la date limite pour votre {family} est dépassée et nous n’avons encore reçu aucun fichier valable de votre part.",
        "why_rejected": "Nous nous permettons de vous rappeler notre enquête {campaign} : le dernier {family} que vous nous avez envoyé n’a pas pu être accepté ; veuillez nous envoyer un fichier corrigé.",
        "ask": "Veuillez répondre à ce message d’ici le {due} en joignant le {family} établi pour {supplier} sous forme de classeur Excel (.xlsx).",
        "min_version": "Veuillez utiliser la révision {version} du modèle ou une révision plus récente.",
        "not_applicable": "Si votre entreprise n’utilise aucun des minerais concernés, ou si une autre personne répond pour vous, merci de nous le faire savoir en répondant à ce message.",
        "open_findings": "Encore à corriger dans votre dernier fichier :",
        "policy_again": "Vous n’avez pas encore accepté notre politique d’approvisionnement responsable en minerais. Pour l’accepter, répondez avec cette phrase :",
        "thanks": "Nous vous remercions de votre collaboration.",
    },
    "own_declaration": {
        "title": "À propos du fichier que vous nous avez envoyé",
        "greeting": "À l’attention de l’équipe {name},\nMadame, Monsieur,",
        "named": "Nous vous remercions de nous avoir envoyé {file}. L’entreprise qui y est nommée est « {in_file} », et non {name}.",
        "please": "Pour notre enquête, nous avons besoin de la déclaration de votre propre entreprise. Veuillez répondre à ce message en joignant le modèle complété pour {name}, ou nous expliquer pourquoi ce fichier est le bon (par exemple si {in_file} fait la déclaration en votre nom).",
        "closing": "Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.",
    },
    "invitation": {
        "subject": "{family} pour {supplier}, à remettre d’ici le {due}",
        "title": "Notre enquête sur l’approvisionnement responsable en minerais",
        "intro": "Dans le cadre de notre programme d’approvisionnement responsable en minerais ({campaign}), nous demandons à {supplier} de compléter le modèle RMI {family} ci-joint, révision {version}.",
        "requests_heading": "Nous vous demandons également :",
        "request_agree": "d’accepter notre politique d’approvisionnement responsable en minerais ;",
        "request_own_policy": "de disposer de votre propre politique en matière de minerais responsables ;",
        "request_exclude": "d’exclure les minerais provenant de zones de conflit ou à haut risque qui financent des groupes armés ou des atteintes aux droits humains ;",
        "request_cooperate": "de coopérer à nos enquêtes et de répondre à nos questions sur votre chaîne d’approvisionnement.",
        "policy_link": "Notre politique (version {version}) : {url}",
        "agree": "Pour accepter cette politique, veuillez répondre en reprenant la phrase suivante :",
        "answer": "Pour répondre : veuillez nous renvoyer le {family} complété, sous forme de fichier Excel, en réponse à ce message d’ici le {due}. Vous recevrez rapidement une réponse automatique : soit l’acceptation de votre fichier, soit la liste précise des cellules à corriger.",
        "prefilled": "Nous avons déjà saisi {supplier} comme nom de société dans le fichier ci-joint.",
        "thanks": "Nous vous remercions de votre collaboration.",
    },
    "agreement_recorded": {
        "subject": "Votre accord à notre politique d'approvisionnement responsable en minerais, version {version}",
        "greeting": "Bonjour à l'équipe {name},",
        "recorded": "Merci. Nous avons enregistré votre accord à notre politique d'approvisionnement responsable en minerais, version {version}, d'après le document {file} que vous nous avez envoyé. Rien d'autre n'est nécessaire.",
        "closing": "Cordialement,",
    },
    "agreement_refused": {
        "title": "À propos du fichier que vous avez envoyé",
        "greeting": "Bonjour à l'équipe {name},",
        "refused": "Merci pour l'envoi de {file}. Nous n'avons pas pu le considérer comme votre accord à notre politique d'approvisionnement responsable en minerais, version {version}.",
        "reason": "Remarque de notre équipe :",
        "agree": "Pour donner votre accord, répondez à ce courriel avec cette phrase :",
        "signed": "Ou envoyez-nous l'accusé de réception de la politique, signé par une personne habilitée à signer pour {name}, en PDF ou en photographie.",
        "closing": "Cordialement,",
    },
}
