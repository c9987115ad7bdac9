# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Portuguese message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (verbs in the third person), European Portuguese like the template's own Portuguese
(ficheiro, equipa, tungsténio), which Brazilian readers read without difficulty. Sheet names stay in English because the template's sheet tabs are English in
every language; answers are named with the words of the Portuguese template («Sim», «Não»).
"""

from __future__ import annotations

from rmi.messages.forms import Text, plural

MESSAGES: dict[str, Text] = {
    "field.missing": "{field} não está preenchido. Indique-o em {sheet}!{cell}.",
    "field.email_no_at": "{field} em {sheet}!{cell} não é um endereço de e-mail (falta o «@»): «{value}». Indique um endereço completo, por exemplo name@company.com.",
    "scope.description_missing": "O âmbito da declaração C (definido pelo utilizador) exige uma descrição. Descreva o âmbito em {sheet}!{cell}.",
    "products.missing": "O âmbito da declaração B (produtos) exige uma lista de produtos, mas {sheet}!{cell} está vazia. Indique os produtos a partir da linha 6 da folha Product List.",
    "minerals.none_selected": "Nenhum mineral ou metal está selecionado. Selecione pelo menos um em {sheet}!{cell} e nas células adjacentes.",
    "minerals.other_unnamed": "Em {sheet}!{cell} está selecionado «Other» (outro), mas o mineral não é indicado. Escreva o nome na célula três linhas abaixo ({sheet}!{name_cell}).",
    "answer.missing": "A pergunta {question} ({mineral}) não tem resposta. Escolha uma resposta em {sheet}!{cell}.",
    "answer.optional_missing": "A pergunta {question} ({mineral}) não tem resposta. É facultativa, mas o seu cliente solicita-a: escolha uma resposta em {sheet}!{cell}.",
    "answer.gate_missing": "A pergunta {question} ({mineral}) não tem resposta, pelo que o Checker não consegue determinar quais das perguntas e fundições seguintes se aplicam. Escolha uma resposta em {sheet}!{cell}.",
    "answer.not_allowed": "«{value}» em {sheet}!{cell} não é uma das respostas que esta célula aceita. Escolha uma da lista pendente: {allowed}.",
    "answer.hidden_prefill": "A célula oculta {sheet}!{cell} deve manter o «No» que vem no modelo, mas foi alterada ou apagada. Transfira um modelo novo do sítio web da RMI e copie para ele as suas respostas.",
    "company.missing": "A pergunta {question} sobre a empresa não tem resposta. Escolha uma resposta em {sheet}!{cell}.",
    "company.mineral_missing": "A pergunta {question} sobre a empresa ({mineral}) não tem resposta. Escolha uma resposta em {sheet}!{cell}.",
    "company.url_missing": "A pergunta {question} sobre a empresa tem a resposta «Sim», pelo que o comentário deve indicar o endereço web (URL) da política. Indique o URL em {sheet}!{cell}.",
    "company.url_invalid": "O comentário em {sheet}!{cell} deveria ser o endereço web da sua política, mas «{value}» não parece um endereço web. Indique um URL, por exemplo https://www.company.com/policy.",
    "company.describe_missing": "A pergunta {question} sobre a empresa tem a resposta «Sim, usando outro formato (descrever)», mas nada é descrito. Descreva o formato no comentário {sheet}!{cell}.",
    "smelters.missing": "Não é indicada nenhuma fundição de {mineral}, embora a declaração afirme que está presente nos seus produtos. Acrescente na folha Smelter List pelo menos uma linha com o metal «{mineral}» e uma fundição escolhida na coluna «{lookup_column}», ou responda «Não» à pergunta 1 ou 2 ({mineral}).",
    "smelter.not_listed_no_name": "A linha {row} da Smelter List usa «Smelter not listed», mas não indica o nome da fundição. Indique o nome em {sheet}!{cell}.",
    "smelter.not_listed_no_country": "A linha {row} da Smelter List usa «Smelter not listed», mas não indica o país. Escolha o país em {sheet}!{cell}.",
    "smelter.no_smelter_chosen": "A linha {row} da Smelter List indica o metal «{metal}», mas nenhuma fundição. Escolha a fundição em {sheet}!{cell} (coluna «{column}») ou elimine a linha.",
    "smelter.no_name": "A linha {row} da Smelter List não indica o nome da fundição. Indique-o em {sheet}!{cell}.",
    "smelter.no_country": "A linha {row} da Smelter List não indica o país. Escolha-o em {sheet}!{cell}.",
    "smelter.not_in_rmi_list": "A linha {row} da Smelter List indica «{name}», que não consta da lista de fundições da RMI. Verifique se consta com outro nome na coluna «{lookup_column}»; caso contrário, preencha por completo a rua, a cidade e os dados de contacto, para que possa ser identificada.",
    "smelter.excluded_metal": plural(
        "count",
        one="A Smelter List tem {count} linha de {mineral} (a linha {row}), mas a declaração responde «Não» à pergunta {question} ({mineral}). Elimine essa linha ou corrija a resposta em Declaration!{answer_cell}.",
        other="A Smelter List tem {count} linhas de {mineral} (a primeira na linha {row}), mas a declaração responde «Não» à pergunta {question} ({mineral}). Elimine essas linhas ou corrija a resposta em Declaration!{answer_cell}.",
    ),
    "smelter.duplicate": "A linha {row} da Smelter List repete a linha {first_row} ({smelter}, {cid}) com os mesmos dados em todas as colunas preenchidas, pelo que as duas linhas podem ser uma só. Elimine uma delas.",
    "smelter_id.pasted_other_smelter": "Na linha {row} da Smelter List foi escrito «{value}» por cima da fórmula do número de identificação da fundição em {sheet}!{cell}, mas a fundição escolhida na linha é {chosen_cid}. Apague o valor escrito (copie de novo a fórmula de uma linha não utilizada) e escolha a fundição na coluna C ou escreva o número na coluna A.",
    "smelter_id.pasted_wrong_metal": "Na linha {row} da Smelter List foi escrito «{value}» por cima da fórmula do número de identificação da fundição em {sheet}!{cell}; trata-se de uma fundição de {cid_metal}, mas a linha indica {metal}. Apague o valor escrito (copie de novo a fórmula de uma linha não utilizada) e escolha a fundição na coluna C ou escreva o número na coluna A.",
    "cid.unknown_unidentified": "O número de fundição {cid} em {sheet}!{cell} não consta da lista de fundições deste modelo, pelo que a linha {row} não identifica nenhuma fundição (as colunas de pesquisa mostram #N/A). Verifique o número ou escolha a fundição pelo nome na coluna C; se não constar da lista, escolha «Smelter not listed» e escreva o nome e o país.",
    "cid.malformed": "«{cid}» em {sheet}!{cell} não é um número de identificação de fundição. Os números da RMI têm a forma CID001234; indique um ou deixe a célula vazia e escolha a fundição pelo nome.",
    "cid.unknown": "O número de fundição {cid} em {sheet}!{cell} não consta da lista de fundições deste modelo. Verifique o número ou, se a fundição tiver sido acrescentada recentemente, utilize a revisão mais recente do modelo.",
    "cid.wrong_metal": "O número de fundição {cid} em {sheet}!{cell} pertence a uma fundição de {cid_metal}, mas a linha indica {metal}. Corrija o número ou o metal.",
    "cid.mismatch": "Na linha {row} da Smelter List está escrito {typed} na coluna A, mas a fundição escolhida na linha é {filled}. Faça coincidir o número em {sheet}!{cell} com a fundição escolhida.",
    "date.future": "A data de efeito {date} em {sheet}!{cell} é futura. Indique a data a partir da qual a declaração é válida, o mais tardar a de hoje.",
    "date.text": "A data de efeito em {sheet}!{cell} está escrita como texto («{value}»). Indique-a como data, por exemplo 31-Jan-2025, para que não seja lida de outra forma noutros países.",
    "date.text_understood": "A data de efeito em {sheet}!{cell} está escrita como texto («{value}»); foi lida como {date}. Da próxima vez, indique-a como data, por exemplo 31-Jan-2025.",
    "date.ambiguous": "A data de efeito em {sheet}!{cell} está escrita como texto («{value}»), o que, conforme o país, pode significar {first} ou {second}. Indique-a como data, por exemplo 31-Jan-2025.",
    "date.before_campaign": "A data de efeito {date} em {sheet}!{cell} é anterior a {dated_from}, a primeira data que este inquérito aceita. Reveja a sua declaração e envie-a com uma data atual.",
    "date.stale": plural(
        "months",
        one="A data de efeito {date} em {sheet}!{cell} tem mais de {months} mês. Reveja a sua declaração e envie-a com uma data atual.",
        other="A data de efeito {date} em {sheet}!{cell} tem mais de {months} meses. Reveja a sua declaração e envie-a com uma data atual.",
    ),
    "contact.placeholder": "{field} em {sheet}!{cell} é «{value}», o que não identifica ninguém. Indique o dado real.",
    "email.invalid": "{field} em {sheet}!{cell} não é um endereço de e-mail válido: «{value}». Indique um único endereço, por exemplo name@company.com.",
    "template.outdated": "Este ficheiro é o {family}, revisão {version}; a revisão mais recente é a {newest}. Da próxima vez, utilize o modelo mais recente do sítio web da RMI.",
    "template.below_minimum": "Este ficheiro é o {family}, revisão {version}, mas este inquérito exige a revisão {minimum} ou posterior. Transfira o modelo atual do sítio web da RMI e copie para ele as suas respostas.",
    "template.prerelease": "Este ficheiro é uma pré-publicação do {family} ({version}), que não é aceite. Transfira o modelo publicado do sítio web da RMI e copie para ele as suas respostas.",
    "formulas.uncached": plural(
        "count",
        one="O ficheiro contém {count} célula com fórmula que nunca foi calculada (foi gerado por um programa e não guardado por uma folha de cálculo). Abra-o no Excel ou no LibreOffice, guarde-o e envie-o novamente.",
        other="O ficheiro contém {count} células com fórmulas que nunca foram calculadas (foi gerado por um programa e não guardado por uma folha de cálculo). Abra-o no Excel ou no LibreOffice, guarde-o e envie-o novamente.",
    ),
    "file.rejected": "Não foi possível aceitar o anexo: {reason}",
    "file.not_a_template": "Este ficheiro não é um modelo de declaração da RMI (CMRT, EMRT, CRT ou AMRT). Envie o modelo preenchido como ficheiro .xlsx.",
    "file.unreadable": "Não foi possível ler o modelo. Abra-o no Excel, guarde-o como .xlsx e envie-o novamente.",
    "file.note": "{reason}",
    "template.read_as": "Este ficheiro é o {family}, revisão {version}, mais recente do que as revisões que verificamos célula a célula; as suas células correspondem ao {family} {read_as}, pelo que foi lido como compatível com a {read_as}.",
    "template.retired": "Este ficheiro ({file}) é o {family}, revisão {version}, uma revisão que já não é aceite. A revisão atual é o {family} {current}. Copie as suas respostas para o modelo em branco anexo a este e-mail e envie-o de volta.",
    "template.retired.outside_mail": "Este ficheiro ({file}) é o {family}, revisão {version}, uma revisão que já não é aceite. A revisão atual é o {family} {current}. As respostas têm de ser copiadas para um modelo em branco {family} {current} (o e-mail de resposta do surveybot anexa um).",
    "template.held": "Recebemos o {family}, revisão {version} ({file}). Esta revisão é mais recente do que as que verificamos automaticamente, pelo que um membro da nossa equipa a irá verificar e responder-lhe; de momento, não precisa de fazer nada.",
    "file.xls_revision": "{file} é o {family}, revisão {version}, guardado no antigo formato Excel 97-2003 (.xls). Abra-o no Excel, escolha Ficheiro > Guardar como > Livro do Excel (.xlsx) e envie esse ficheiro.",
    "template.unsupported": "Este ficheiro parece um modelo da RMI, mas não conseguimos verificar a sua revisão. Utilize o modelo atual do sítio web da RMI.",
}

TERMS: dict[str, str] = {
    "field.company_name": "O nome da empresa",
    "field.declaration_scope": "O âmbito da declaração",
    "field.scope_description": "A descrição do âmbito",
    "field.contact_name": "O nome do contacto",
    "field.contact_email": "O e-mail do contacto",
    "field.contact_phone": "O telefone do contacto",
    "field.authorizer_name": "O nome do responsável autorizado",
    "field.authorizer_email": "O e-mail do responsável autorizado",
    "field.authorizer_title": "O cargo do responsável autorizado",
    "field.authorizer_phone": "O telefone do responsável autorizado",
    "field.effective_date": "A data de efeito",
    "mineral.Tantalum": "tântalo",
    "mineral.Tin": "estanho",
    "mineral.Gold": "ouro",
    "mineral.Tungsten": "tungsténio",
    "mineral.Cobalt": "cobalto",
    "mineral.Mica": "mica",
    "mineral.Copper": "cobre",
    "mineral.Graphite": "grafite",
    "mineral.Lithium": "lítio",
    "mineral.Nickel": "níquel",
    "mineral.Aluminum": "alumínio",
    "mineral.Silver": "prata",
    "mineral.Zinc": "zinco",
    "mineral.Palladium": "paládio",
    "mineral.Platinum": "platina",
    "mineral.Manganese": "manganês",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "anexe diretamente o modelo RMI preenchido, guardado como livro do Excel (.xlsx)"
_SAVE = "abra-o no Excel, escolha Ficheiro > Guardar como > Livro do Excel (.xlsx) e envie esse ficheiro"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "O ficheiro «{file}» está vazio; " + _XLSX + ".",
    "FILE-TOO-LARGE": "O ficheiro «{file}» excede o tamanho permitido; "
    + _XLSX
    + ", sem imagens incorporadas nem folhas adicionais.",
    "FILE-ENCRYPTED": "O ficheiro «{file}» está protegido por palavra-passe e, por isso, não pode ser verificado; retire a palavra-passe, guarde-o como .xlsx e envie-o novamente.",
    "FILE-XLS-LEGACY": "O ficheiro «{file}» está no antigo formato Excel 97-2003 (.xls); " + _SAVE + ".",
    "FILE-XLSB": "O ficheiro «{file}» é um livro binário do Excel (.xlsb); " + _SAVE + ".",
    "FILE-ODS": "O ficheiro «{file}» é uma folha de cálculo OpenDocument (.ods); guarde-o como livro do Excel (.xlsx) e envie esse ficheiro.",
    "FILE-XLSM-MACRO": "O ficheiro «{file}» contém macros (.xlsm): lemos os seus dados e nunca executamos as macros, mas da próxima vez devolva o modelo RMI no formato .xlsx.",
    "FILE-ARCHIVE-7Z": "O ficheiro «{file}» é um arquivo 7-Zip, que não abrimos; anexe diretamente o ficheiro .xlsx.",
    "FILE-ARCHIVE-RAR": "O ficheiro «{file}» é um arquivo RAR, que não abrimos; anexe diretamente o ficheiro .xlsx.",
    "FILE-ARCHIVE-OTHER": "O ficheiro «{file}» é um ficheiro comprimido, que não abrimos; anexe diretamente o ficheiro .xlsx.",
    "FILE-ZIP-MULTIPLE": "O arquivo «{file}» contém vários livros; envie cada modelo preenchido como um anexo .xlsx separado.",
    "FILE-ZIP-NO-WORKBOOK": "O arquivo «{file}» não contém nenhum livro do Excel; " + _XLSX + ".",
    "FILE-ZIP-NESTED": "O ficheiro «{file}» é um arquivo dentro de outro arquivo; anexe diretamente o ficheiro .xlsx.",
    "FILE-ZIP-EXTRA-FILES": "Verificámos o livro contido no arquivo «{file}» e ignorámos os restantes ficheiros nele incluídos.",
    "FILE-PDF": "O ficheiro «{file}» é um PDF, que não pode ser verificado; "
    + _XLSX
    + ", e não um PDF ou uma impressão.",
    "FILE-IMAGE": "O ficheiro «{file}» é uma imagem, que não pode ser verificada; "
    + _XLSX
    + ", e não uma captura de ecrã ou uma digitalização.",
    "FILE-WINMAIL": "O ficheiro «{file}» chegou como winmail.dat, o invólucro de texto formatado do Outlook que esconde o anexo verdadeiro; reenvie a mensagem em formato HTML ou de texto simples, ou envie o .xlsx dentro de um ficheiro .zip.",
    "FILE-OFFICE-OTHER": "O ficheiro «{file}» é outro documento do Office, e não um livro do Excel; "
    + _XLSX
    + ".",
    "FILE-TEXT": "O ficheiro «{file}» é um ficheiro de texto (por exemplo CSV), e não o modelo RMI; "
    + _XLSX
    + ".",
    "FILE-UNKNOWN": "O ficheiro «{file}» não é um livro do Excel que reconheçamos; " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "O ficheiro «{file}» está danificado ou incompleto (pode ter sido truncado durante o envio); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "O ficheiro «{file}» não é um livro do Excel válido (o seu conteúdo está danificado); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "O ficheiro «{file}» é um ficheiro do Office danificado; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "Depois de descomprimido, o ficheiro «{file}» ocuparia muito mais do que qualquer modelo RMI, pelo que não foi aberto; envie o modelo guardado a partir do Excel como .xlsx.",
    "FILE-XML-UNSAFE": "O ficheiro «{file}» contém declarações XML que o Excel nunca escreve, pelo que, por segurança, não foi aberto; "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "Não conseguimos processar o ficheiro «{file}» devido a um problema do nosso lado; a nossa equipa foi informada e irá contactá-lo. De momento, não precisa de fazer nada.",
}

LABEL_QUOTE = "«{label}»"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Resultado da verificação do seu modelo de declaração",
        "sep": ", ",
        "greeting": "Exma. equipa da {name},",
        "intro_one": "Agradecemos o seu e-mail. Verificámos o ficheiro que nos enviou:",
        "intro_many": "Agradecemos o seu e-mail. Verificámos os {count} ficheiros que nos enviou:",
        "accepted": "ACEITE: {family}, revisão {version}",
        "scope": "Âmbito da declaração: ",
        "metals": "Metais abrangidos: ",
        "smelters": "Fundições indicadas: ",
        "not_stated": "não indicado",
        "none": "nenhum",
        "rejected": "AINDA NÃO ACEITE: {family}, revisão {version}",
        "please_fix": "Corrija o seguinte no ficheiro e envie-o novamente em resposta a este e-mail:",
        "sheet_cell": "Folha «{sheet}», célula {cell}: ",
        "sheet_only": "Folha «{sheet}»: ",
        "held": "RECEBIDO: UM MEMBRO DA NOSSA EQUIPA IRÁ VERIFICÁ-LO",
        "attached": "Anexo a este e-mail: {files} (modelo em branco).",
        "unreadable": "NÃO FOI POSSÍVEL UTILIZAR ESTE FICHEIRO",
        "send_instead": "Se precisar de um modelo em branco: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "Convém verificar também (estes pontos não impedem a aceitação):",
        "automatic": "Esta é uma mensagem automática. Se tiver alguma dúvida, responda a este e-mail e um membro da nossa equipa irá lê-lo.",
        "closing": "Com os melhores cumprimentos,",
    },
    "ask": {
        "intro": "Agradecemos o seu e-mail. Não encontrámos em anexo nenhum modelo de declaração preenchido.",
        "other_files": "Recebemos {files}, que não podemos utilizar para este inquérito.",
        "wanted": "Responda a este e-mail com o seu {family} preenchido em anexo, como livro do Excel (.xlsx).",
        "min_version": "Utilize a revisão {version} do modelo ou uma posterior.",
        "due": "Agradecemos a sua resposta até {due}.",
        "generic": "Responda a este e-mail com o seu modelo de declaração RMI preenchido (CMRT, EMRT, CRT ou AMRT) em anexo, como livro do Excel (.xlsx).",
        "download": "Os modelos em branco podem ser transferidos em https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Lembrete: {family} da {supplier}, prazo {due}",
        "title": "Lembrete: o seu modelo de declaração",
        "dear": "Caro(a) {name},",
        "why_missing": "Lembramos o nosso inquérito {campaign}: ainda não recebemos o seu {family} preenchido.",
        "why_overdue": "Lembramos o nosso inquérito {campaign}: o prazo para o seu {family} terminou e ainda não temos nenhum ficheiro válido da sua parte.",
        "why_rejected": "Lembramos o nosso inquérito {campaign}: o último {family} que nos enviou não pôde ser aceite; envie-nos um ficheiro corrigido.",
        "ask": "Responda a este e-mail até {due} com o {family} da {supplier} em anexo, como livro do Excel (.xlsx).",
        "min_version": "Utilize a revisão {version} do modelo ou uma posterior.",
        "not_applicable": "Se a sua empresa não utiliza nenhum dos minerais abrangidos, ou se outra pessoa responde em seu nome, informe-nos respondendo a este e-mail.",
        "open_findings": "Ainda a corrigir no seu último arquivo:",
        "policy_again": "Ainda não concordou com a nossa política de aquisição responsável de minerais. Para concordar, responda com esta frase:",
        "thanks": "Obrigado.",
    },
    "own_declaration": {
        "title": "Sobre o ficheiro que nos enviou",
        "greeting": "Exma. equipa da {name},",
        "named": "Agradecemos o envio de {file}. A empresa indicada no ficheiro é «{in_file}», e não {name}.",
        "please": "Para o nosso inquérito precisamos da declaração da sua própria empresa. Responda a este e-mail com o modelo preenchido da {name} em anexo, ou explique-nos porque é que este ficheiro é o correto (por exemplo, se a {in_file} declara em seu nome).",
        "closing": "Com os melhores cumprimentos,",
    },
    "invitation": {
        "subject": "{family} da {supplier}, prazo {due}",
        "title": "O nosso inquérito sobre minerais responsáveis",
        "intro": "No âmbito do nosso programa de minerais responsáveis ({campaign}), solicitamos à {supplier} que preencha o modelo RMI {family} em anexo, revisão {version}.",
        "requests_heading": "Solicitamos ainda que:",
        "request_agree": "aceite a nossa política de aquisição responsável de minerais;",
        "request_own_policy": "mantenha uma política própria de minerais responsáveis;",
        "request_exclude": "exclua minerais provenientes de zonas afetadas por conflitos e de alto risco que financiem grupos armados ou violações dos direitos humanos;",
        "request_cooperate": "colabore com os nossos inquéritos e responda às nossas perguntas sobre a sua cadeia de abastecimento.",
        "policy_link": "A nossa política (versão {version}): {url}",
        "agree": "Para aceitar a política, responda com a seguinte frase:",
        "answer": "Como responder: responda a este e-mail até {due}, com o {family} preenchido em anexo como ficheiro Excel. Receberá em poucos minutos uma resposta automática: uma confirmação ou as células exatas a corrigir.",
        "prefilled": "Já introduzimos {supplier} como nome da empresa no ficheiro em anexo.",
        "thanks": "Agradecemos desde já a sua colaboração.",
    },
    "agreement_recorded": {
        "subject": "A sua concordância com a nossa política de aquisição responsável de minerais, versão {version}",
        "greeting": "Olá, equipa {name},",
        "recorded": "Obrigado. Registámos a vossa concordância com a nossa política de aquisição responsável de minerais, versão {version}, a partir do documento {file} que nos enviaram. Não é necessário mais nada.",
        "closing": "Com os melhores cumprimentos,",
    },
    "agreement_refused": {
        "title": "Sobre o ficheiro que nos enviou",
        "greeting": "Olá, equipa {name},",
        "refused": "Obrigado por nos enviar {file}. Não pudemos considerá-lo como a vossa concordância com a nossa política de aquisição responsável de minerais, versão {version}.",
        "reason": "Nota da nossa equipa:",
        "agree": "Para concordar, respondam a este e-mail com esta frase:",
        "signed": "Ou enviem-nos a declaração de aceitação da política, assinada por uma pessoa autorizada a assinar por {name}, em PDF ou fotografia.",
        "closing": "Com os melhores cumprimentos,",
    },
}
