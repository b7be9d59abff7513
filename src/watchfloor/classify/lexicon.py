"""Multilingual lexicons and patterns for each label: the transparent half of the labelling layer.

Each entry is (label, language, weight, pattern). Patterns are regular expressions over the folded
text (``rules.fold``: lower case; Arabic without diacritics or tatweel, alef forms as ا, ta marbuta
as ه, alef maksura as ي), so they are written in that form. ``W`` is a gap of up to a few words
inside one clause. A weight is how much one match alone says (0–1); several matches combine. The
entries were written for watchfloor from the label definitions, in English, Arabic, Russian and
French; extend them here, with a test in tests/classify/test_rules.py.
"""

from __future__ import annotations

W = r"[^.!?؟\n]{0,40}?"  # a short gap inside one clause
AR = r"(?<!\w)[وف]?"  # Arabic: the conjunctions و and ف attach to the next word
KILL_EN = (r"(?:kill|slaughter|behead|butcher|hang|lynch|shoot|gun down|burn|bomb|blow up|execute|"
           r"murder|stab|slit|cut (?:off )?(?:your|their|his|her) (?:heads?|throats?)|bleed|"
           r"hunt (?:you|them|him|her) down|wipe (?:you|them) out|exterminate|put a bullet in)")

PATTERNS: list[tuple[str, str, float, str]] = [
    # -- violent_threat: the speaker threatens or calls for killing or harm --
    ("violent_threat", "en", 0.85, rf"\b(?:we|i|they|you|he)(?:'ll| will| shall|'re going to| are going to| am going to|'m going to| gonna)(?: \w+){{0,3}} {KILL_EN}"),
    ("violent_threat", "en", 0.7, rf"\b{KILL_EN}(?:ing|ed)? (?:them|him|her|'?em|you|all of (?:them|you)|every (?:last )?one|the (?:lot|traitors?|infidels?|apostates?))\b"),
    ("violent_threat", "en", 0.75, r"\b(?:your|their|his|her) (?:turn|time|day|hour) (?:is|will) com(?:ing|e)\b"),
    ("violent_threat", "en", 0.85, r"\bpay(?: for (?:this|it|that))? (?:in|with) (?:blood|your (?:lives|life|heads?))\b"),
    ("violent_threat", "en", 0.6, r"\b(?:you|they)(?:'re| are| will be) (?:dead|next)(?: men)?\b"),
    ("violent_threat", "en", 0.7, r"\bdeserves? (?:to die|death|a bullet|the (?:rope|noose|gallows|bullet|firing squad)|to (?:hang|be (?:shot|hanged|hung|executed|killed|beheaded)))\b"),
    ("violent_threat", "en", 0.75, r"\bdeath to\b"),
    ("violent_threat", "en", 0.65, r"\bwe know where you (?:live|sleep|work)\b"),
    ("violent_threat", "en", 0.6, r"\b(?:firing squads?|the gallows|the noose|the rope|public executions?)\b"),
    ("violent_threat", "en", 0.45, r"\b(?:execut(?:e|ed|ion|ions)|hang(?:ed|ing)?|hung|lynch(?:ed|ing)?)\b"),
    ("violent_threat", "en", 0.35, r"\b(?:kill|shoot|murder|slaughter|behead)\b"),
    ("violent_threat", "ar", 0.85, AR + r"(?:سنقتل|سنذبح|سنحرق|سنفجر|سنقطع|سنلاحق|سنطارد|سننتقم|سنسحق|سنبيد|سنريق)\w*"),
    ("violent_threat", "ar", 0.75, AR + r"(?:الموت|الهلاك)\s+(?:ل|لكل)\w*"),
    ("violent_threat", "ar", 0.75, AR + r"(?:دوركم|دورك|يومكم|يومك)\s+(?:قادم|ات|قريب)"),
    ("violent_threat", "ar", 0.8, r"(?:ستدفعون|ستدفع|سيدفعون)\s+الثمن" + W + r"(?:دما|دماء|بالدم|بدمائ)\w*"),
    ("violent_threat", "ar", 0.6, AR + r"(?:اقتلوهم|اذبحوهم|احرقوهم|اعدموهم|اقتلوه|اذبحوه)"),
    ("violent_threat", "ru", 0.85, r"\b(?:убь[её]м|перереж[её]м|сожж[её]м|взорв[её]м|расстреляем|повесим|уничтожим|прикончим|зарежем|вырежем)\b"),
    ("violent_threat", "ru", 0.75, r"\b(?:смерть|смерти) (?:им|вам|тебе|всем|предател\w*|неверн\w*)\b"),
    ("violent_threat", "ru", 0.75, r"\b(?:ваш|твой) (?:черёд|черед|час) (?:прид[её]т|наступит|близок|скоро)\b"),
    ("violent_threat", "ru", 0.8, r"\bзаплатит\w* кровью\b"),
    ("violent_threat", "ru", 0.6, r"\bвам (?:конец|не жить)\b"),
    ("violent_threat", "fr", 0.85, r"\b(?:nous allons|on va|je vais|nous vous|ils vont)(?: \w+){0,2} (?:tuer|égorger|massacrer|brûler|exécuter|pendre|buter|abattre|faire sauter|décapiter)\b"),
    ("violent_threat", "fr", 0.75, r"\bmort aux?\b"),
    ("violent_threat", "fr", 0.75, r"\bvotre (?:tour|heure) (?:viendra|approche|arrive)\b"),
    ("violent_threat", "fr", 0.8, r"\b(?:paierez|paieront|payerez) (?:de|par le|dans le|avec le|en) sang\b"),
    ("violent_threat", "fr", 0.6, r"\b(?:tuez|égorgez|pendez|brûlez|exécutez)[- ](?:les|le|la)\b"),
    # -- incitement: calls on others to act --
    ("incitement", "en", 0.7, r"\b(?:rise up|take up arms|to arms)\b"),
    ("incitement", "en", 0.75, rf"\b(?:go(?: out)? and|it is (?:your|our|every \w+'s) duty to|you must|everyone must|brothers,?|all of you,?) {W}{KILL_EN}\b"),
    ("incitement", "en", 0.7, r"\b(?:strike|attack|burn|kill) (?:them|their \w+) wherever you find\b"),
    ("incitement", "en", 0.55, r"\b(?:attack|strike|burn down|torch|storm) (?:their|the) (?:homes?|houses?|shops?|mosques?|churches?|synagogues?|offices?|embassy|embassies|stations?)\b"),
    ("incitement", "en", 0.5, r"\b(?:don't|do not) (?:let them|wait for orders)\b"),
    ("incitement", "ar", 0.75, AR + r"(?:انفروا|قاتلوا|جاهدوا|هبوا|انهضوا|اضربوا|اقتحموا|احرقوا)\b"),
    ("incitement", "ar", 0.6, AR + r"(?:اقتلوهم|اذبحوهم|احرقوهم)"),
    ("incitement", "ru", 0.7, r"\b(?:вставайте|к оружию|бейте|убивайте|поджигайте|громите|выходите и)\b"),
    ("incitement", "fr", 0.7, r"\b(?:aux armes|levez-vous|soulevez-vous|frappez-les|tuez-les|brûlez-les|passez à l'action)\b"),
    # -- glorification: praise of attacks, attackers, "martyrs" --
    ("glorification", "en", 0.7, r"\b(?:our|the|a) (?:heroic|glorious|brave|blessed) (?:martyrs?|brothers?|lions?|operation|attack|raid|strike|mujahid\w*|hero(?:es)?)\b"),
    ("glorification", "en", 0.7, r"\bmay (?:allah|god) accept (?:him|her|them|our brothers?|his martyrdom)\b"),
    ("glorification", "en", 0.6, r"\b(?:salute|honour|honor|glory to) (?:the|our) (?:martyrs?|heroes|brothers? who)\b"),
    ("glorification", "en", 0.55, r"\b(?:martyrs?|heroes?|legends?)\b" + W + r"\b(?:attack|operation|raid|bombing|shooting|killed|struck)\b"),
    ("glorification", "ar", 0.75, AR + r"(?:الشهيد البطل|تقبله الله|تقبلهم الله|عمليه مباركه|غزوه مباركه|الاستشهادي البطل|اسود الخلافه|نحسبه شهيدا)"),
    ("glorification", "ru", 0.7, r"\b(?:слава (?:героям|шахидам|мученикам)|героическ\w+ (?:операц|атак)\w*|благословенн\w+ (?:операц|атак)\w*)"),
    ("glorification", "fr", 0.7, r"\b(?:gloire (?:aux|à nos) (?:martyrs|héros)|opération (?:bénie|héroïque)|nos héros martyrs|que dieu (?:l'|les )accepte)"),
    # -- attack_claim: responsibility for an attack --
    ("attack_claim", "en", 0.85, r"\b(?:claim(?:s|ed)?|take|took|bear|bears) (?:full )?responsibility for\b"),
    ("attack_claim", "en", 0.75, r"\b(?:our (?:brothers|fighters|soldiers|men|lions|mujahid\w*)|we)\b" + W + r"\b(?:carried out|conducted|executed|launched|mounted) (?:the|an|a|this|today's|yesterday's) (?:\w+ )?(?:attack|operation|raid|bombing|strike|ambush|assault)\b"),
    ("attack_claim", "en", 0.6, r"\bby the grace of (?:allah|god),? (?:our|the) (?:brothers|soldiers|fighters|lions)\b"),
    ("attack_claim", "ar", 0.85, AR + r"(?:تبنى|يتبنى|نتبنى|تتبنى|نعلن مسووليتنا|تعلن مسووليتها|اعلن مسووليته)"),
    ("attack_claim", "ar", 0.7, AR + r"(?:بفضل الله|بتوفيق الله)\s+(?:تمكن|نفذ|استطاع)\w*\s+(?:جنود|اخو|مجاهد|اسود)\w*"),
    ("attack_claim", "ru", 0.85, r"\b(?:взял\w* на себя ответственность|берём на себя ответственность|берем на себя ответственность)\b"),
    ("attack_claim", "ru", 0.7, r"\b(?:наши (?:братья|бойцы|воины)|мы) (?:провели|осуществили|совершили)\b"),
    ("attack_claim", "fr", 0.85, r"\b(?:revendique|revendiquons|revendiquent|revendiqué) (?:l'|la |cette |les )?(?:attaque|attentat|opération|responsabilité)"),
    ("attack_claim", "fr", 0.7, r"\b(?:nos (?:frères|soldats|combattants|lions)|nous) (?:ont|avons) (?:mené|exécuté|lancé|conduit) (?:l'|une |cette |la )"),
    # -- territorial_vow: vows to take or retake places --
    ("territorial_vow", "en", 0.75, r"\b(?:we|our (?:armies|fighters|brothers|soldiers|sons))(?: \w+){0,2} (?:will|shall|are going to|'ll) (?:\w+ ){0,2}(?:take back|retake|liberate|conquer|reconquer|reclaim|return to|march on|march into|enter) (?:the |our |every |each )?(?:\w+ )?(?:city|cities|town|towns|village|valley|capital|land|lands|homeland|country|province|region|streets?|port|fort|fortress|territory|territories|mosque|border|north|south|east|west|coast|mountains|quarter)\b"),
    ("territorial_vow", "en", 0.75, r"\bour (?:flag|banner|black flag|banners) will (?:fly|be raised|flutter|wave) (?:over|in|on|above)\b"),
    ("territorial_vow", "en", 0.5, r"\b(?:remaining and expanding|from the river to|will be ours again|belongs to us and we will)\b"),
    ("territorial_vow", "ar", 0.8, AR + r"(?:سنحرر|سنفتح|سنستعيد|سنعود الي|سندخل|سنسترد)\w*"),
    ("territorial_vow", "ar", 0.75, AR + r"(?:سترفرف|سترتفع)\s+(?:رايتنا|رايه|الرايه)"),
    ("territorial_vow", "ar", 0.6, r"باقيه وتتمدد"),
    ("territorial_vow", "ru", 0.75, r"\b(?:мы )?(?:вернём|вернем|освободим|завоюем|возьмём|возьмем) (?:себе |обратно )?[А-Яа-яЁё]+"),
    ("territorial_vow", "ru", 0.75, r"\bнаш (?:флаг|стяг) (?:будет развеваться|поднимется) над\b"),
    ("territorial_vow", "fr", 0.75, r"\b(?:nous )?(?:reprendrons|libérerons|conquerrons|reconquerrons|retournerons à|entrerons dans)\b"),
    ("territorial_vow", "fr", 0.75, r"\bnotre (?:drapeau|bannière) (?:flottera|sera hissée?) (?:sur|au-dessus)\b"),
    # -- recruitment: invitations to join --
    ("recruitment", "en", 0.4, r"\bjoin us\b(?! for)"),
    ("recruitment", "en", 0.75, r"\bjoin (?:us in (?:the )?(?:fight|jihad|struggle|battle)|our ranks|the ranks|the caravan|the fight|the brothers|our brothers|the mujahid\w*|our (?:group|unit|cause|movement|fighters))\b"),
    ("recruitment", "en", 0.6, r"\b(?:dm|message|contact|write to) (?:me|us|the admins?)\b" + W + r"\b(?:join|travel|hijra|fight|enlist|training)\b"),
    ("recruitment", "en", 0.6, r"\b(?:we need|we are looking for|looking for) (?:more )?(?:brothers|fighters|men|volunteers|soldiers)\b"),
    ("recruitment", "en", 0.6, r"\b(?:make hijra|answer the call|who (?:wants|is ready) to (?:join|fight))\b"),
    ("recruitment", "ar", 0.75, AR + r"(?:انضموا|التحقوا|الحقوا بركب|انضم الينا|هاجروا|للانضمام)\w*"),
    ("recruitment", "ar", 0.5, AR + r"(?:نحتاج|نبحث عن)\s+(?:اخوه|مقاتلين|رجالا|شباب)"),
    ("recruitment", "ru", 0.75, r"\b(?:присоединяйтесь|вступайте в (?:наши )?ряды|вступай в (?:наши )?ряды|пишите в личку|нужны (?:братья|бойцы|добровольцы))\b"),
    ("recruitment", "fr", 0.75, r"\b(?:rejoignez(?:-nous)?|rejoins (?:nos|les) rangs|nous recrutons|contactez-nous pour (?:rejoindre|partir))\b"),
    # -- hate: dehumanising statements about groups --
    ("hate", "en", 0.75, r"\b(?:they|these people|those people|all of them|(?:the )?\w+s) are (?:all )?(?:vermin|rats|cockroaches|parasites|animals|subhumans?|a disease|a cancer|filth|a plague|apes|dogs|pigs)\b"),
    ("hate", "en", 0.6, r"\b(?:vermin|subhumans?|untermensch|inferior races?|mongrels|sub-humans?)\b"),
    ("hate", "en", 0.5, r"\b(?:exterminate|cleanse|purge) (?:the|all|every) \w+s\b"),
    ("hate", "ar", 0.65, AR + r"(?:حثاله|انجاس|خنازير|قرده|حشرات|نجاسه)\b"),
    ("hate", "ru", 0.65, r"\b(?:недочеловек\w*|нелюд\w*|паразит\w*|крысы|тараканы|отбросы)\b"),
    ("hate", "fr", 0.65, r"\b(?:vermine|sous-hommes?|parasites|cafards|rats|race inférieure)\b"),
]

# words that, a few words before a match in the same clause, deny it ("we will never kill")
NEGATION = (
    r"\b(?:not|never|don't|do not|won't|will not|wouldn't|would never|shouldn't|should not|cannot|can't|"
    r"nobody|no one|condemn\w*|against)\b|"
    r"(?<!\w)(?:لا|لن|لم|ليس|نرفض|ندين)(?!\w)|"
    r"\b(?:не|ни|никогда|осуждаем)\b|"
    r"\b(?:ne|n'|jamais|condamnons)"
)

# a sentence that reports what others did or said, rather than doing it
REPORTING = (
    r"\b(?:said|says|told|reported(?:ly)?|according to|allegedly|was (?:arrested|charged|convicted|sentenced)|"
    r"were (?:arrested|charged|convicted|sentenced)|charged with|accused of|convicted of|news agency)\b|"
    r"(?<!\w)(?:قال|قالت|افاد|افادت|ذكر|ذكرت|وفق|بحسب|حسب|نقلت|اعلنت)(?!\w)|"
    r"\b(?:сообщил\w*|по данным|заявил\w*|по словам|согласно|задержан\w*|обвиня\w*)\b|"
    r"\b(?:selon|a déclaré|ont déclaré|rapporte|d'après|arrêté|accusé)"
)

# vocabulary that makes a text in Arabic, Russian or French worth a look by the multilingual model
# (the first stage's gate for languages the TF-IDF heads did not learn): violence, weapons, blood,
# death, martyrdom, joining, conquest, vermin
VOCABULARY = (
    r"(?:قتل|اقتل|نقتل|يقتل|ذبح|نذبح|الدم|بالدم|دماء|دمائ|موت|الموت|سلاح|تفجير|نفجر|انتقام|ننتقم|شهيد|استشهاد|غزو|"
    r"نحرر|نفتح|انضم|التحق|جهاد|كفار|مرتد|خون|نحرق|رصاص|اعدام|حثال|خنازير)|"
    r"(?:убь|убив|убий|режь|реж[её]м|кров|смерт|оруж|взрыв|взорв|казн|повес|сожж|жг|мест|шахид|"
    r"джихад|вступ|присоедин|освобод|завоюем|предател|паразит|нелюд)|"
    r"\b(?:tu(?:er|ez|ons)|égorg|sang|mort|armes?|explos|bomb|venge|martyr|djihad|jihad|rejoi|"
    r"libér|conqu|traîtres?|vermine|parasites?|brûl|pendr|exécut|abatt|buter)"
)
