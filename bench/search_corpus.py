"""A fictional multilingual chat corpus for the search benchmarks, written by the watchfloor authors.

Thirty everyday "facts" (a road closed, a shop out of bread, a wedding, a clinic needing blood
donors...) each written in English, Arabic, French and Russian; fictional people whose names are
spelled several ways; places and times in the four languages. Messages are a fact in one
language, often with a person, a place or a time, so that a message in one language has
equivalents in the others (what cross-language search must find) and a person is written in
many spellings (what spelling-proof search must find). No real people, no propaganda.
"""

from __future__ import annotations

import random

LANGS = ("en", "ar", "fr", "ru")
LANG_WEIGHTS = (0.45, 0.35, 0.1, 0.1)

# (en, ar, fr, ru)
FACTS: list[tuple[str, str, str, str]] = [
    ("the road to the northern villages is closed because of the flood",
     "الطريق إلى القرى الشمالية مغلق بسبب الفيضان",
     "la route vers les villages du nord est fermée à cause de l'inondation",
     "дорога в северные деревни закрыта из-за наводнения"),
    ("the bakery has run out of bread and flour",
     "نفد الخبز والطحين من المخبز",
     "la boulangerie n'a plus de pain ni de farine",
     "в пекарне закончились хлеб и мука"),
    ("the clinic urgently needs blood donors",
     "العيادة بحاجة عاجلة إلى متبرعين بالدم",
     "la clinique a besoin de donneurs de sang en urgence",
     "клинике срочно нужны доноры крови"),
    ("my cousin's wedding will be held next week",
     "حفل زفاف ابن عمي سيقام الأسبوع المقبل",
     "le mariage de mon cousin aura lieu la semaine prochaine",
     "свадьба моего двоюродного брата состоится на следующей неделе"),
    ("the price of fuel has doubled since last month",
     "تضاعف سعر الوقود منذ الشهر الماضي",
     "le prix du carburant a doublé depuis le mois dernier",
     "цена на топливо удвоилась с прошлого месяца"),
    ("the school will reopen after the holidays",
     "ستفتح المدرسة أبوابها من جديد بعد العطلة",
     "l'école rouvrira après les vacances",
     "школа снова откроется после каникул"),
    ("there is no electricity in the neighbourhood since yesterday",
     "لا توجد كهرباء في الحي منذ أمس",
     "il n'y a pas d'électricité dans le quartier depuis hier",
     "в районе нет электричества со вчерашнего дня"),
    ("the football match was postponed because of the rain",
     "تم تأجيل مباراة كرة القدم بسبب المطر",
     "le match de football a été reporté à cause de la pluie",
     "футбольный матч перенесли из-за дождя"),
    ("the old bridge collapsed during the night",
     "انهار الجسر القديم خلال الليل",
     "le vieux pont s'est effondré pendant la nuit",
     "старый мост обрушился ночью"),
    ("the market sells fresh vegetables every friday",
     "السوق يبيع الخضار الطازجة كل يوم جمعة",
     "le marché vend des légumes frais chaque vendredi",
     "рынок продаёт свежие овощи каждую пятницу"),
    ("the bus to the city leaves at seven in the morning",
     "الحافلة إلى المدينة تنطلق في السابعة صباحا",
     "le bus pour la ville part à sept heures du matin",
     "автобус в город отправляется в семь утра"),
    ("my phone was stolen at the train station",
     "سرق هاتفي في محطة القطار",
     "on m'a volé mon téléphone à la gare",
     "у меня украли телефон на вокзале"),
    ("the farmers are worried about the drought this summer",
     "المزارعون قلقون من الجفاف هذا الصيف",
     "les agriculteurs s'inquiètent de la sécheresse cet été",
     "фермеры обеспокоены засухой этим летом"),
    ("the pharmacy has no more insulin for diabetics",
     "لم يعد لدى الصيدلية أنسولين لمرضى السكري",
     "la pharmacie n'a plus d'insuline pour les diabétiques",
     "в аптеке больше нет инсулина для диабетиков"),
    ("the new mosque will be inaugurated on friday",
     "سيتم افتتاح المسجد الجديد يوم الجمعة",
     "la nouvelle mosquée sera inaugurée vendredi",
     "новую мечеть откроют в пятницу"),
    ("the exam results will be announced tomorrow",
     "ستعلن نتائج الامتحانات غدا",
     "les résultats des examens seront annoncés demain",
     "результаты экзаменов объявят завтра"),
    ("a fire broke out in the textile factory",
     "اندلع حريق في مصنع النسيج",
     "un incendie s'est déclaré dans l'usine textile",
     "на текстильной фабрике вспыхнул пожар"),
    ("the water in the well is not safe to drink",
     "مياه البئر غير صالحة للشرب",
     "l'eau du puits n'est pas potable",
     "вода в колодце непригодна для питья"),
    ("the border crossing will be closed for three days",
     "سيغلق المعبر الحدودي لمدة ثلاثة أيام",
     "le poste frontière sera fermé pendant trois jours",
     "пограничный переход закроют на три дня"),
    ("the hospital is looking for nurses and doctors",
     "المستشفى يبحث عن ممرضين وأطباء",
     "l'hôpital cherche des infirmiers et des médecins",
     "больница ищет медсестёр и врачей"),
    ("the rent for apartments went up again",
     "ارتفعت أجور الشقق مرة أخرى",
     "les loyers des appartements ont encore augmenté",
     "арендная плата за квартиры снова выросла"),
    ("the sheep were sold at the livestock market",
     "بيعت الأغنام في سوق المواشي",
     "les moutons ont été vendus au marché aux bestiaux",
     "овец продали на скотном рынке"),
    ("the internet connection is very slow today",
     "الاتصال بالإنترنت بطيء جدا اليوم",
     "la connexion internet est très lente aujourd'hui",
     "интернет сегодня очень медленный"),
    ("the storm damaged many tents in the camp",
     "ألحقت العاصفة أضرارا بالكثير من الخيام في المخيم",
     "la tempête a endommagé beaucoup de tentes dans le camp",
     "буря повредила много палаток в лагере"),
    ("the teacher is asking for donations of books",
     "المعلم يطلب التبرع بالكتب",
     "l'enseignant demande des dons de livres",
     "учитель просит пожертвовать книги"),
    ("the olive harvest was good this year",
     "كان موسم قطاف الزيتون جيدا هذا العام",
     "la récolte des olives a été bonne cette année",
     "урожай оливок в этом году был хорошим"),
    ("the car broke down on the highway",
     "تعطلت السيارة على الطريق السريع",
     "la voiture est tombée en panne sur l'autoroute",
     "машина сломалась на трассе"),
    ("the government raised the salaries of teachers",
     "رفعت الحكومة رواتب المعلمين",
     "le gouvernement a augmenté les salaires des enseignants",
     "правительство повысило зарплаты учителям"),
    ("the children are sick with a high fever",
     "الأطفال مرضى ويعانون من حمى شديدة",
     "les enfants sont malades avec une forte fièvre",
     "дети болеют, у них высокая температура"),
    ("the flight to istanbul was cancelled",
     "ألغيت الرحلة إلى إسطنبول",
     "le vol pour istanbul a été annulé",
     "рейс в стамбул отменили"),
]

# fictional people: spellings in Latin (several), Arabic, Cyrillic
PEOPLE: list[tuple[tuple[str, ...], str, str]] = [
    (("Abu Khalid al-Halabi", "Abou Khaled Alhalaby", "Abu Khaled el-Halaby"), "أبو خالد الحلبي", "Абу Халид аль-Халаби"),
    (("Umm Salma al-Shami", "Oum Salma Ash-Shami", "Um Salma Alshamy"), "أم سلمى الشامي", "Умм Сальма аш-Шами"),
    (("Yusuf al-Tikriti", "Youssef Tikriti", "Yousef el-Tikrity"), "يوسف التكريتي", "Юсуф ат-Тикрити"),
    (("Hamza al-Masri", "Hamzah Elmasry", "Hamza El Masri"), "حمزة المصري", "Хамза аль-Масри"),
    (("Abd al-Rahman al-Najdi", "Abdurrahman Najdi", "Abdel Rahman al-Nagdi"), "عبد الرحمن النجدي", "Абдуррахман ан-Наджди"),
    (("Nur al-Din Qasim", "Noureddine Kassem", "Nuruddin Qassim"), "نور الدين قاسم", "Нуруддин Касым"),
    (("Bilal al-Idlibi", "Belal Idlibi", "Bilal el-Edlibi"), "بلال الإدلبي", "Билал аль-Идлиби"),
    (("Fatima al-Zahra Haddad", "Fatma Zahra Hadad", "Fatimah Zahraa Haddad"), "فاطمة الزهراء حداد", "Фатима Захра Хаддад"),
    (("Said al-Raqqawi", "Saeed Arraqqawi", "Sa'id al-Rakkawi"), "سعيد الرقاوي", "Саид ар-Ракkави"),
    (("Mustafa Shishani", "Moustafa al-Shishani", "Mustapha Chichani"), "مصطفى الشيشاني", "Мустафа Шишани"),
    (("Ibrahim al-Mosuli", "Ebrahim Mousili", "Ibraheem al-Mawsili"), "إبراهيم الموصلي", "Ибрагим аль-Мосули"),
    (("Khadija Benali", "Khadidja Ben Ali", "Khadeeja bin Ali"), "خديجة بن علي", "Хадиджа Бен Али"),
]

PLACES: list[tuple[str, str, str, str]] = [
    ("in Aleppo", "في حلب", "à Alep", "в Алеппо"), ("in Mosul", "في الموصل", "à Mossoul", "в Мосуле"),
    ("in Idlib", "في إدلب", "à Idleb", "в Идлибе"), ("in Raqqa", "في الرقة", "à Raqqa", "в Ракке"),
    ("in Homs", "في حمص", "à Homs", "в Хомсе"), ("in Gaziantep", "في غازي عنتاب", "à Gaziantep", "в Газиантепе"),
    ("in Tunis", "في تونس", "à Tunis", "в Тунисе"), ("in Grozny", "في غروزني", "à Grozny", "в Грозном"),
]
OPENERS: list[tuple[str, str, str, str]] = [
    ("news:", "خبر:", "info :", "новость:"), ("brothers,", "يا إخوة،", "les frères,", "братья,"),
    ("I heard that", "سمعت أن", "j'ai entendu que", "я слышал, что"),
    ("confirmed:", "مؤكد:", "confirmé :", "подтверждено:"), ("", "", "", ""), ("", "", "", ""),
]
SAYS = ("says", "يقول", "dit", "говорит")


def render(fact: int, lang: str, rng: random.Random, *, person: int | None = None,
           place: int | None = None) -> str:
    i = LANGS.index(lang)
    parts = []
    opener = rng.choice(OPENERS)[i]
    if opener:
        parts.append(opener)
    if person is not None:
        latin, arabic, cyrillic = PEOPLE[person]
        name = {"ar": arabic, "ru": cyrillic}.get(lang) or rng.choice(latin)
        parts.append(f"{name} {SAYS[i]}")
    parts.append(FACTS[fact][i])
    if place is not None:
        parts.append(PLACES[place][i])
    return " ".join(parts)


def message(rng: random.Random) -> tuple[str, dict[str, int | str | None]]:
    """A random message and what it is made of (fact, lang, person, place)."""
    lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
    fact = rng.randrange(len(FACTS))
    person = rng.randrange(len(PEOPLE)) if rng.random() < 0.3 else None
    place = rng.randrange(len(PLACES)) if rng.random() < 0.5 else None
    return render(fact, lang, rng, person=person, place=place), {
        "fact": fact, "lang": lang, "person": person, "place": place}
