# ruff: noqa: E501  (translated sentences are kept whole so translators can read them)
"""Turkish message catalogue; keys and placeholders mirror ``en.py`` exactly.

Formal register (siz, -iniz). No suffix is ever attached to a placeholder, because its vowel harmony
depends on a value we do not know: a placeholder is followed by a noun that carries the suffix
("{sheet}!{cell} hücresine", "{date} tarihi") or by a postposition ("{mineral} için"). Sheet names stay
in English because the template's sheet tabs are English in every language; answers are named with
the words of the Turkish template ("Evet", "Hayır"). Turkish nouns stay singular after a number.
"""

from __future__ import annotations

from rmi.messages.forms import Text

MESSAGES: dict[str, Text] = {
    "field.missing": "{sheet}!{cell} hücresindeki {field} alanı boş. Lütfen bu bilgiyi girin.",
    "field.email_no_at": "{sheet}!{cell} hücresindeki {field} bir e-posta adresi değil (“@” işareti yok): “{value}”. Lütfen name@company.com gibi tam bir adres girin.",
    "scope.description_missing": "C beyan kapsamı (kullanıcı tanımlı) bir açıklama gerektirir. Lütfen kapsamı {sheet}!{cell} hücresinde açıklayın.",
    "products.missing": "B beyan kapsamı (ürünler) bir ürün listesi gerektirir, ancak {sheet}!{cell} hücresi boş. Lütfen ürünleri Product List sayfasının 6. satırından itibaren listeleyin.",
    "minerals.none_selected": "Hiçbir maden veya metal seçilmemiş. Lütfen {sheet}!{cell} hücresinde ve yanındaki hücrelerde en az birini seçin.",
    "minerals.other_unnamed": "{sheet}!{cell} hücresinde “Other” (diğer) seçilmiş, ancak madenin adı yazılmamış. Lütfen adını üç satır aşağıdaki hücreye ({sheet}!{name_cell}) yazın.",
    "answer.missing": "{question} numaralı soru ({mineral}) yanıtlanmamış. Lütfen {sheet}!{cell} hücresinde bir yanıt seçin.",
    "answer.optional_missing": "{question} numaralı soru ({mineral}) yanıtlanmamış. Bu soru isteğe bağlıdır, ancak müşteriniz yanıtlanmasını istiyor: lütfen {sheet}!{cell} hücresinde bir yanıt seçin.",
    "answer.gate_missing": "{question} numaralı soru ({mineral}) yanıtlanmamış; bu nedenle Checker sonraki sorulardan ve izabe tesislerinden hangilerinin geçerli olduğunu belirleyemiyor. Lütfen {sheet}!{cell} hücresinde bir yanıt seçin.",
    "answer.not_allowed": "{sheet}!{cell} hücresindeki “{value}” bu hücrenin kabul ettiği yanıtlardan biri değil. Lütfen açılır listeden birini seçin: {allowed}.",
    "answer.hidden_prefill": "Gizli {sheet}!{cell} hücresi şablonla birlikte gelen “No” değerini korumalıdır, ancak bu değer değiştirilmiş veya silinmiş. Lütfen RMI web sitesinden yeni bir şablon indirin ve yanıtlarınızı bu şablona aktarın.",
    "company.missing": "Şirket düzeyindeki {question} sorusu yanıtlanmamış. Lütfen {sheet}!{cell} hücresinde bir yanıt seçin.",
    "company.mineral_missing": "Şirket düzeyindeki {question} sorusu ({mineral}) yanıtlanmamış. Lütfen {sheet}!{cell} hücresinde bir yanıt seçin.",
    "company.url_missing": "Şirket düzeyindeki {question} sorusu “Evet” olarak yanıtlandığından, açıklamada politikanın web adresi (URL) yer almalıdır. Lütfen URL’yi {sheet}!{cell} hücresine girin.",
    "company.url_invalid": "{sheet}!{cell} hücresindeki açıklama politikanızın web adresi olmalıdır, ancak “{value}” bir web adresine benzemiyor. Lütfen https://www.company.com/policy gibi bir URL girin.",
    "company.describe_missing": "Şirket düzeyindeki {question} sorusu “Evet, diğer biçimi kullanarak (açıklayın)” olarak yanıtlanmış, ancak hiçbir açıklama yapılmamış. Lütfen biçimi {sheet}!{cell} açıklama hücresinde açıklayın.",
    "smelters.missing": "Beyan, {mineral} madeninin ürünlerinizde bulunduğunu belirtmesine rağmen {mineral} için hiçbir izabe tesisi listelenmemiş. Lütfen Smelter List sayfasına metali “{mineral}” olan ve “{lookup_column}” sütununda bir izabe tesisi seçilmiş en az bir satır ekleyin veya {mineral} için 1. ya da 2. soruyu “Hayır” olarak yanıtlayın.",
    "smelter.not_listed_no_name": "Smelter List sayfasının {row}. satırında “Smelter not listed” seçilmiş, ancak izabe tesisinin adı verilmemiş. Lütfen adı {sheet}!{cell} hücresine girin.",
    "smelter.not_listed_no_country": "Smelter List sayfasının {row}. satırında “Smelter not listed” seçilmiş, ancak ülke verilmemiş. Lütfen ülkeyi {sheet}!{cell} hücresinde seçin.",
    "smelter.no_smelter_chosen": "Smelter List sayfasının {row}. satırında metal olarak {metal} belirtilmiş, ancak izabe tesisi seçilmemiş. Lütfen izabe tesisini {sheet}!{cell} hücresinde (“{column}” sütunu) seçin veya satırı silin.",
    "smelter.no_name": "Smelter List sayfasının {row}. satırında izabe tesisinin adı verilmemiş. Lütfen adı {sheet}!{cell} hücresine girin.",
    "smelter.no_country": "Smelter List sayfasının {row}. satırında ülke verilmemiş. Lütfen ülkeyi {sheet}!{cell} hücresinde seçin.",
    "smelter.not_in_rmi_list": "Smelter List sayfasının {row}. satırındaki “{name}” adı RMI izabe tesisi listesinde yer almıyor. Lütfen “{lookup_column}” sütununda başka bir adla listelenip listelenmediğini kontrol edin; listelenmiyorsa, tanımlanabilmesi için cadde, şehir ve iletişim bilgilerini eksiksiz doldurun.",
    "smelter.excluded_metal": "Smelter List sayfasında {mineral} için {count} satır var (ilki {row}. satır), ancak beyan {mineral} için {question} numaralı soruyu “Hayır” olarak yanıtlıyor. Lütfen bu satırları kaldırın veya Declaration!{answer_cell} hücresindeki yanıtı düzeltin.",
    "smelter.duplicate": "Smelter List sayfasının {row}. satırı, doldurulmuş her sütunda aynı bilgilerle {first_row}. satırı ({smelter}, {cid}) tekrarlıyor; bu iki satır tek satır olabilir. Lütfen birini silin.",
    "smelter_id.pasted_other_smelter": "Smelter List sayfasının {row}. satırında {sheet}!{cell} hücresindeki izabe tesisi tanımlama numarası formülünün üzerine “{value}” yazılmış, ancak satırda seçilen izabe tesisi {chosen_cid}. Lütfen yazılan değeri silin (formülü kullanılmayan bir satırdan geri kopyalayın) ve izabe tesisini C sütununda seçin ya da numarasını A sütununa yazın.",
    "smelter_id.pasted_wrong_metal": "Smelter List sayfasının {row}. satırında {sheet}!{cell} hücresindeki izabe tesisi tanımlama numarası formülünün üzerine “{value}” yazılmış; bu bir {cid_metal} izabe tesisidir, ancak satırda metal olarak {metal} belirtilmiş. Lütfen yazılan değeri silin (formülü kullanılmayan bir satırdan geri kopyalayın) ve izabe tesisini C sütununda seçin ya da numarasını A sütununa yazın.",
    "cid.unknown_unidentified": "{sheet}!{cell} hücresindeki {cid} izabe tesisi numarası bu şablonun izabe tesisi listesinde yer almıyor; bu nedenle {row}. satır hiçbir izabe tesisini tanımlamıyor (arama sütunlarında #N/A görünüyor). Lütfen numarayı kontrol edin veya izabe tesisini C sütununda adıyla seçin; listede yoksa “Smelter not listed” seçeneğini seçip adını ve ülkesini yazın.",
    "cid.malformed": "{sheet}!{cell} hücresindeki “{cid}” bir izabe tesisi tanımlama numarası değil. RMI numaraları CID001234 biçimindedir; lütfen böyle bir numara girin ya da hücreyi boş bırakıp izabe tesisini adıyla seçin.",
    "cid.unknown": "{sheet}!{cell} hücresindeki {cid} izabe tesisi numarası bu şablonun izabe tesisi listesinde yer almıyor. Lütfen numarayı kontrol edin; izabe tesisi listeye yakın zamanda eklendiyse şablonun en son revizyonunu kullanın.",
    "cid.wrong_metal": "{sheet}!{cell} hücresindeki {cid} izabe tesisi numarası bir {cid_metal} izabe tesisine ait, ancak satırda metal olarak {metal} belirtilmiş. Lütfen numarayı veya metali düzeltin.",
    "cid.mismatch": "Smelter List sayfasının {row}. satırında A sütununa {typed} yazılmış, ancak satırda seçilen izabe tesisi {filled}. Lütfen {sheet}!{cell} hücresindeki numarayı seçilen izabe tesisiyle uyumlu hâle getirin.",
    "date.future": "{sheet}!{cell} hücresindeki {date} yürürlük tarihi ileri bir tarih. Lütfen beyanın geçerli olduğu tarihi, en geç bugünün tarihi olacak şekilde girin.",
    "date.text": "{sheet}!{cell} hücresindeki yürürlük tarihi metin olarak girilmiş (“{value}”). Başka ülkelerde farklı okunmaması için lütfen tarihi 31-Jan-2025 gibi tarih biçiminde girin.",
    "date.text_understood": "{sheet}!{cell} hücresindeki yürürlük tarihi metin olarak girilmiş (“{value}”); {date} tarihi olarak okundu. Bir dahaki sefere lütfen 31-Jan-2025 gibi tarih biçiminde girin.",
    "date.ambiguous": "{sheet}!{cell} hücresindeki yürürlük tarihi metin olarak girilmiş (“{value}”); ülkeye göre {first} ya da {second} anlamına gelebilir. Lütfen tarihi 31-Jan-2025 gibi tarih biçiminde girin.",
    "date.before_campaign": "{sheet}!{cell} hücresindeki {date} yürürlük tarihi, bu anketin kabul ettiği en erken tarih olan {dated_from} tarihinden önce. Lütfen beyanınızı gözden geçirip güncel bir tarihle gönderin.",
    "date.stale": "{sheet}!{cell} hücresindeki {date} yürürlük tarihi {months} aydan daha eski. Lütfen beyanınızı gözden geçirip güncel bir tarihle gönderin.",
    "contact.placeholder": "{sheet}!{cell} hücresindeki {field} “{value}” olarak girilmiş ve belirli bir kişiyi göstermiyor. Lütfen gerçek bilgiyi girin.",
    "email.invalid": "{sheet}!{cell} hücresindeki {field} geçerli bir e-posta adresi değil: “{value}”. Lütfen name@company.com gibi tek bir adres girin.",
    "template.outdated": "Bu dosya {family} şablonunun {version} revizyonu; en yeni revizyon {newest}. Bir dahaki sefere lütfen RMI web sitesindeki en yeni şablonu kullanın.",
    "template.below_minimum": "Bu dosya {family} şablonunun {version} revizyonu, ancak bu anket {minimum} veya daha yeni bir revizyon gerektiriyor. Lütfen güncel şablonu RMI web sitesinden indirip yanıtlarınızı bu şablona aktarın.",
    "template.prerelease": "Bu dosya {family} şablonunun yayın öncesi bir sürümü ({version}) olduğundan kabul edilmiyor. Lütfen yayımlanmış şablonu RMI web sitesinden indirip yanıtlarınızı bu şablona aktarın.",
    "formulas.uncached": "Dosyada hiç hesaplanmamış {count} formül hücresi var (dosya bir elektronik tablo uygulamasıyla kaydedilmemiş, bir program tarafından oluşturulmuş). Lütfen dosyayı Excel veya LibreOffice ile açıp kaydedin ve yeniden gönderin.",
    "file.rejected": "Ek kabul edilemedi: {reason}",
    "file.not_a_template": "Bu dosya bir RMI raporlama şablonu (CMRT, EMRT, CRT veya AMRT) değil. Lütfen doldurulmuş şablonu .xlsx dosyası olarak gönderin.",
    "file.unreadable": "Şablon okunamadı. Lütfen dosyayı Excel ile açın, .xlsx olarak kaydedin ve yeniden gönderin.",
    "file.note": "{reason}",
    "template.read_as": "Bu dosya {family} şablonunun {version} revizyonu; hücre hücre denetlediğimiz revizyonlardan daha yeni. Hücreleri {family} {read_as} ile eşleştiğinden dosya {read_as} uyumlu olarak okundu.",
    "template.retired": "Bu dosya ({file}) {family} şablonunun {version} revizyonu; bu revizyon artık kabul edilmiyor. Güncel revizyon {family} {current}. Lütfen yanıtlarınızı bu e-postaya ekli boş şablona aktarıp geri gönderin.",
    "template.retired.outside_mail": "Bu dosya ({file}) {family} şablonunun {version} revizyonu; bu revizyon artık kabul edilmiyor. Güncel revizyon {family} {current}. Yanıtların boş bir {family} {current} şablonuna aktarılması gerekiyor (surveybot’un yanıt e-postasında bir şablon ekli olarak gönderilir).",
    "template.held": "{family} şablonunun {version} revizyonunu ({file}) aldık. Bu revizyon otomatik olarak denetlediğimiz revizyonlardan daha yeni olduğundan ekibimizden bir çalışan dosyayı inceleyip size yanıt verecek; şu anda yapmanız gereken bir şey yok.",
    "file.xls_revision": "{file} dosyası {family} şablonunun {version} revizyonu ve eski Excel 97-2003 biçiminde (.xls) kaydedilmiş. Lütfen dosyayı Excel ile açın, Dosya > Farklı Kaydet > Excel Çalışma Kitabı (.xlsx) seçeneğini seçin ve o dosyayı gönderin.",
    "template.unsupported": "Bu dosya bir RMI şablonuna benziyor, ancak revizyonunu denetleyemiyoruz. Lütfen RMI web sitesindeki güncel şablonu kullanın.",
}

TERMS: dict[str, str] = {
    "field.company_name": "şirket adı",
    "field.declaration_scope": "beyan kapsamı",
    "field.scope_description": "kapsam açıklaması",
    "field.contact_name": "irtibat kişisinin adı",
    "field.contact_email": "irtibat kişisinin e-posta adresi",
    "field.contact_phone": "irtibat kişisinin telefonu",
    "field.authorizer_name": "izin yetkilisi",
    "field.authorizer_email": "izin yetkilisinin e-posta adresi",
    "field.authorizer_title": "izin yetkilisinin unvanı",
    "field.authorizer_phone": "izin yetkilisinin telefonu",
    "field.effective_date": "yürürlük tarihi",
    "mineral.Tantalum": "tantal",
    "mineral.Tin": "kalay",
    "mineral.Gold": "altın",
    "mineral.Tungsten": "tungsten",
    "mineral.Cobalt": "kobalt",
    "mineral.Mica": "mika",
    "mineral.Copper": "bakır",
    "mineral.Graphite": "grafit",
    "mineral.Lithium": "lityum",
    "mineral.Nickel": "nikel",
    "mineral.Aluminum": "alüminyum",
    "mineral.Silver": "gümüş",
    "mineral.Zinc": "çinko",
    "mineral.Palladium": "paladyum",
    "mineral.Platinum": "platin",
    "mineral.Manganese": "manganez",
}

# Intake refusals by code (``rmi.intake.vocabulary``); ``{file}`` is the file name.
_XLSX = "lütfen doldurulmuş RMI şablonunu Excel Çalışma Kitabı (.xlsx) olarak kaydedip doğrudan ekleyin"
_SAVE = "lütfen dosyayı Excel ile açın, Dosya > Farklı Kaydet > Excel Çalışma Kitabı (.xlsx) seçeneğini seçin ve o dosyayı gönderin"

INTAKE: dict[str, str] = {
    "FILE-EMPTY": "“{file}” dosyası boş; " + _XLSX + ".",
    "FILE-TOO-LARGE": "“{file}” dosyası izin verilen boyutu aşıyor; gömülü resim veya fazladan sayfa olmadan "
    + _XLSX
    + ".",
    "FILE-ENCRYPTED": "“{file}” dosyası parolayla korunduğu için denetlenemiyor; lütfen parolayı kaldırın, dosyayı .xlsx olarak kaydedin ve yeniden gönderin.",
    "FILE-XLS-LEGACY": "“{file}” dosyası eski Excel 97-2003 biçiminde (.xls); " + _SAVE + ".",
    "FILE-XLSB": "“{file}” dosyası bir Excel İkili Çalışma Kitabı (.xlsb); " + _SAVE + ".",
    "FILE-ODS": "“{file}” dosyası bir OpenDocument elektronik tablosu (.ods); lütfen Excel Çalışma Kitabı (.xlsx) olarak kaydedip o dosyayı gönderin.",
    "FILE-XLSM-MACRO": "“{file}” dosyası makro içeriyor (.xlsm): yalnızca verilerini okuyoruz ve makrolarını asla çalıştırmıyoruz, ancak bir dahaki sefere lütfen RMI şablonunu .xlsx olarak gönderin.",
    "FILE-ARCHIVE-7Z": "“{file}” dosyası bir 7-Zip arşivi ve bu tür arşivleri açmıyoruz; lütfen .xlsx dosyasını doğrudan ekleyin.",
    "FILE-ARCHIVE-RAR": "“{file}” dosyası bir RAR arşivi ve bu tür arşivleri açmıyoruz; lütfen .xlsx dosyasını doğrudan ekleyin.",
    "FILE-ARCHIVE-OTHER": "“{file}” dosyası sıkıştırılmış bir dosya ve bu tür dosyaları açmıyoruz; lütfen .xlsx dosyasını doğrudan ekleyin.",
    "FILE-ZIP-MULTIPLE": "“{file}” arşivinde birden fazla çalışma kitabı var; lütfen doldurulmuş her şablonu ayrı bir .xlsx eki olarak gönderin.",
    "FILE-ZIP-NO-WORKBOOK": "“{file}” arşivinde Excel çalışma kitabı yok; " + _XLSX + ".",
    "FILE-ZIP-NESTED": "“{file}” dosyası başka bir arşivin içindeki bir arşiv; lütfen .xlsx dosyasını doğrudan ekleyin.",
    "FILE-ZIP-EXTRA-FILES": "“{file}” arşivindeki çalışma kitabını denetledik, arşivdeki diğer dosyaları dikkate almadık.",
    "FILE-PDF": "“{file}” dosyası bir PDF olduğu için denetlenemiyor; PDF veya çıktı yerine " + _XLSX + ".",
    "FILE-IMAGE": "“{file}” dosyası bir resim olduğu için denetlenemiyor; ekran görüntüsü veya tarama yerine "
    + _XLSX
    + ".",
    "FILE-WINMAIL": "“{file}” dosyası, asıl eki gizleyen Outlook zengin metin paketi winmail.dat olarak geldi; lütfen e-postayı HTML veya düz metin biçiminde yeniden gönderin ya da .xlsx dosyasını bir .zip dosyası içinde gönderin.",
    "FILE-OFFICE-OTHER": "“{file}” dosyası Excel çalışma kitabı değil, başka bir Office belgesi; "
    + _XLSX
    + ".",
    "FILE-TEXT": "“{file}” dosyası RMI şablonu değil, bir metin dosyası (örneğin CSV); " + _XLSX + ".",
    "FILE-UNKNOWN": "“{file}” dosyası tanıdığımız bir Excel çalışma kitabı değil; " + _XLSX + ".",
    "FILE-CORRUPT-ZIP": "“{file}” dosyası bozuk veya eksik (gönderim sırasında kesilmiş olabilir); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-XLSX": "“{file}” dosyası geçerli bir Excel çalışma kitabı değil (içeriği bozuk); "
    + _SAVE
    + ".",
    "FILE-CORRUPT-OFFICE": "“{file}” dosyası bozuk bir Office dosyası; " + _SAVE + ".",
    "FILE-ZIP-BOMB": "“{file}” dosyası açıldığında herhangi bir RMI şablonundan çok daha büyük bir veriye dönüştüğü için açılmadı; lütfen şablonu Excel’den .xlsx olarak kaydedip gönderin.",
    "FILE-XML-UNSAFE": "“{file}” dosyası Excel’in hiçbir zaman yazmadığı XML bildirimleri içerdiği için güvenlik nedeniyle açılmadı; "
    + _SAVE
    + ".",
    "FILE-UNREADABLE": "“{file}” dosyasını bizim tarafımızdaki bir sorun nedeniyle işleyemedik; ekibimiz bilgilendirildi ve sizinle iletişime geçecek. Şu anda yapmanız gereken bir şey yok.",
}

LABEL_QUOTE = "“{label}”"

MAIL: dict[str, dict[str, str]] = {
    "verdict": {
        "title": "Raporlama şablonunuzun denetim sonucu",
        "sep": ", ",
        "greeting": "Sayın {name} yetkilisi,",
        "intro_one": "E-postanız için teşekkür ederiz. Gönderdiğiniz dosyayı denetledik:",
        "intro_many": "E-postanız için teşekkür ederiz. Gönderdiğiniz {count} dosyayı denetledik:",
        "accepted": "KABUL EDİLDİ: {family}, revizyon {version}",
        "scope": "Beyan kapsamı: ",
        "metals": "Kapsamdaki metaller: ",
        "smelters": "Listelenen izabe tesisi sayısı: ",
        "not_stated": "belirtilmemiş",
        "none": "yok",
        "rejected": "HENÜZ KABUL EDİLMEDİ: {family}, revizyon {version}",
        "please_fix": "Lütfen dosyada aşağıdakileri düzeltip bu e-postayı yanıtlayarak yeniden gönderin:",
        "sheet_cell": "“{sheet}” sayfası, {cell} hücresi: ",
        "sheet_only": "“{sheet}” sayfası: ",
        "held": "ALINDI: EKİBİMİZDEN BİR ÇALIŞAN İNCELEYECEK",
        "attached": "Bu e-postanın eki: {files} (boş şablon).",
        "unreadable": "BU DOSYAYI KULLANAMADIK",
        "send_instead": "Boş bir şablona ihtiyacınız varsa: https://www.responsiblemineralsinitiative.org/reporting-templates/",
        "also_check": "Ayrıca kontrol etmenizi öneririz (bunlar kabulü engellemez):",
        "automatic": "Bu otomatik bir iletidir. Sorunuz varsa bu e-postayı yanıtlayın; ekibimizden bir çalışan okuyacaktır.",
        "closing": "Saygılarımızla,",
    },
    "ask": {
        "intro": "E-postanız için teşekkür ederiz. E-postanızda doldurulmuş bir raporlama şablonu eki bulamadık.",
        "other_files": "Şu dosyaları aldık, ancak bu anket için kullanamıyoruz: {files}.",
        "wanted": "Lütfen doldurduğunuz {family} şablonunu Excel Çalışma Kitabı (.xlsx) olarak ekleyip bu e-postayı yanıtlayın.",
        "min_version": "Lütfen şablonun {version} veya daha yeni bir revizyonunu kullanın.",
        "due": "Yanıtınızı en geç {due} tarihine kadar göndermenizi rica ederiz.",
        "generic": "Lütfen doldurduğunuz RMI raporlama şablonunu (CMRT, EMRT, CRT veya AMRT) Excel Çalışma Kitabı (.xlsx) olarak ekleyip bu e-postayı yanıtlayın.",
        "download": "Boş şablonlar şu adresten indirilebilir: https://www.responsiblemineralsinitiative.org/reporting-templates/",
    },
    "reminder": {
        "subject": "Hatırlatma: {supplier} için {family}, son tarih {due}",
        "title": "Hatırlatma: raporlama şablonunuz",
        "dear": "Sayın {name},",
        "why_missing": "{campaign} anketimizle ilgili bir hatırlatmadır: doldurduğunuz {family} şablonu henüz elimize ulaşmadı.",
        "why_overdue": "{campaign} anketimizle ilgili bir hatırlatmadır: {family} şablonunuzun son teslim tarihi geçti ve sizden henüz geçerli bir dosya almadık.",
        "why_rejected": "{campaign} anketimizle ilgili bir hatırlatmadır: en son gönderdiğiniz {family} şablonu kabul edilemedi; lütfen düzeltilmiş bir dosya gönderin.",
        "ask": "Lütfen {supplier} adına doldurulan {family} şablonunu Excel Çalışma Kitabı (.xlsx) olarak ekleyip en geç {due} tarihine kadar bu e-postayı yanıtlayın.",
        "min_version": "Lütfen şablonun {version} veya daha yeni bir revizyonunu kullanın.",
        "not_applicable": "Şirketiniz kapsamdaki madenlerin hiçbirini kullanmıyorsa veya sizin adınıza başka biri yanıt veriyorsa, lütfen bu e-postayı yanıtlayarak bize bildirin.",
        "open_findings": "Son dosyanızda hâlâ düzeltilmesi gerekenler:",
        "policy_again": "Sorumlu maden tedarik politikamızı henüz kabul etmediniz. Kabul etmek için bu cümleyle yanıt verin:",
        "thanks": "Teşekkür ederiz.",
    },
    "own_declaration": {
        "title": "Gönderdiğiniz dosya hakkında",
        "greeting": "Sayın {name} yetkilisi,",
        "named": "{file} dosyasını gönderdiğiniz için teşekkür ederiz. Dosyada adı geçen şirket {name} değil, “{in_file}”.",
        "please": "Anketimiz için kendi şirketinizin beyanına ihtiyacımız var. Lütfen {name} için doldurulmuş şablonu ekleyerek bu e-postayı yanıtlayın veya bu dosyanın neden doğru dosya olduğunu bize bildirin (örneğin {in_file} sizin adınıza beyanda bulunuyorsa).",
        "closing": "Saygılarımızla,",
    },
    "invitation": {
        "subject": "{supplier} için {family}, son tarih {due}",
        "title": "Sorumlu maden anketimiz",
        "intro": "Sorumlu maden programımız ({campaign}) kapsamında {supplier} firmasından ekteki RMI {family} şablonunu (revizyon {version}) doldurmasını rica ediyoruz.",
        "requests_heading": "Ayrıca sizden şunları rica ediyoruz:",
        "request_agree": "sorumlu maden tedarik politikamızı kabul etmeniz;",
        "request_own_policy": "kendinize ait bir sorumlu maden politikası bulundurmanız;",
        "request_exclude": "silahlı grupları veya insan hakları ihlallerini finanse eden çatışmadan etkilenmiş ve yüksek riskli bölgelerden gelen madenleri tedarik zincirinizden çıkarmanız;",
        "request_cooperate": "anketlerimizde bizimle iş birliği yapmanız ve tedarik zincirinizle ilgili sorularımızı yanıtlamanız.",
        "policy_link": "Politikamız (sürüm {version}): {url}",
        "agree": "Politikayı kabul ediyorsanız lütfen şu cümleyle yanıt verin:",
        "answer": "Nasıl yanıt verilir: Lütfen doldurduğunuz {family} şablonunu Excel dosyası olarak ekleyip en geç {due} tarihine kadar bu e-postayı yanıtlayın. Birkaç dakika içinde otomatik bir yanıt alacaksınız: bir onay veya düzeltilmesi gereken hücrelerin tam listesi.",
        "prefilled": "Ekteki dosyaya şirket adı olarak {supplier} bilgisini önceden girdik.",
        "thanks": "İş birliğiniz için teşekkür ederiz.",
    },
    "agreement_recorded": {
        "subject": "Sorumlu Maden Tedarik Politikamızın {version} sürümünü kabulünüz",
        "greeting": "Sayın {name} ekibi,",
        "recorded": "Teşekkür ederiz. Gönderdiğiniz {file} belgesine dayanarak Sorumlu Maden Tedarik Politikamızın {version} sürümünü kabul ettiğinizi kaydettik. Başka bir işlem gerekmiyor.",
        "closing": "Saygılarımızla,",
    },
    "agreement_refused": {
        "title": "Gönderdiğiniz dosya hakkında",
        "greeting": "Sayın {name} ekibi,",
        "refused": "{file} dosyasını gönderdiğiniz için teşekkür ederiz. Bu dosyayı Sorumlu Maden Tedarik Politikamızın {version} sürümünü kabul ettiğinizin kanıtı olarak değerlendiremedik.",
        "reason": "Ekibimizin notu:",
        "agree": "Kabul etmek için lütfen bu e-postayı şu cümleyle yanıtlayın:",
        "signed": "Ya da {name} adına imza yetkisi olan bir kişinin imzaladığı politika onayını PDF veya fotoğraf olarak bize gönderin.",
        "closing": "Saygılarımızla,",
    },
}
