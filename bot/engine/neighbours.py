"""Swedish and Norwegian words read as their Danish counterparts; German, Dutch and French ones as
English.

Members from across the Øresund write "Vilka klubbar har han spelat för?" or "Hvor lenge var han
trener?"; Gent's Flemish, French-speaking and German supporters write English with their own words
in it ("was he kampioen with Midtjylland?", "wie alt was he?", "which club was he entraîneur
of?"). Swedish and Norwegian share most of their grammar with Danish but spell the common words
differently, and typo repair turns them into unrelated Danish words ("lenge" into "penge",
money); German, Dutch and French words in an English question are unknown words, which make it
look like a question about something else. So the everyday words that differ, folded as
`text.tokens` folds them, are rewritten to the nearer of the bot's languages before the question
is read: Danish for the Scandinavian ones, English for the others, which come inside English
questions. The list is general vocabulary (question words, function words, the verbs and nouns of
a football career, countries), not any one subject's: a subject's own terms belong in its
lexicon. Words that are also Danish or English ("var", "men", "son", "till", "sa", "der", "die",
"en", "mit", "pour", "premier") are left out, and a word the fact base knows is never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from bot.engine.text import tokens


def _table(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """`neighbour = own` lines, both sides folded as questions are."""
    table = {}
    for line in text.strip().splitlines():
        neighbour, own = line.split("=")
        table[tuple(tokens(neighbour))] = tuple(tokens(own))
    return table


# Two words before one: "hur länge" is "hvor længe", "hur" alone "hvordan". Swedish and
# Norwegian first, then German, Dutch and French.
NEIGHBOUR_WORDS: Final[Mapping[tuple[str, ...], tuple[str, ...]]] = _table(
    """
    hur många = hvor mange
    hur mange = hvor mange
    hur länge = hvor længe
    hur gammal = hvor gammel
    hur mycket = hvor meget
    hur ofta = hvor ofte
    hur = hvordan
    när = hvornår
    vilken = hvilken
    vilket = hvilket
    vilka = hvilke
    vem = hvem
    vad = hvad
    varför = hvorfor
    varifrån = hvorfra
    hva = hvad
    är = er
    hade = havde
    hadde = havde
    varit = været
    vært = været
    blivit = blevet
    blitt = blevet
    ble = blev
    inte = ikke
    sant = sandt
    och = og
    att = at
    också = også
    några = nogle
    något = noget
    någon = nogen
    inga = ingen
    noen = nogen
    noe = noget
    mot = mod
    seg = sig
    hei = hej
    kveld = aften
    från = fra
    före = før
    innan = før
    etter = efter
    sedan = siden
    senare = senere
    mycket = meget
    mye = meget
    många = mange
    gammal = gammel
    äldre = ældre
    eldre = ældre
    länge = længe
    lenge = længe
    föddes = blev født
    född = født
    födelsedag = fødselsdag
    bursdag = fødselsdag
    bursdagen = fødselsdagen
    födelsedagen = fødselsdagen
    fyller = fylder
    fyllde = fyldte
    fylte = fyldte
    fyllt = fyldt
    svara = svare
    engelska = engelsk
    danska = dansk
    svenska = svensk
    stad = by
    staden = byen
    ålder = alder
    datum = dato
    veckodag = ugedag
    ukedag = ugedag
    spela = spille
    spelade = spillede
    spelat = spillet
    spelare = spiller
    spelaren = spilleren
    spelarkarriär = spillerkarriere
    spilte = spillede
    spilt = spillet
    träna = træne
    tränade = trænede
    tränat = trænet
    tränare = træner
    tränaren = træneren
    huvudtränare = cheftræner
    assisterande = assisterende
    trente = trænede
    trent = trænet
    trener = træner
    treneren = træneren
    hovedtrener = cheftræner
    assistenttrener = assistenttræner
    klubb = klub
    klubbar = klubber
    klubbarna = klubberne
    lag = hold
    laget = holdet
    lagen = holdene
    landslag = landshold
    landslaget = landsholdet
    landslagen = landsholdene
    vann = vandt
    vant = vandt
    vinna = vinde
    vunnit = vundet
    vunnet = vundet
    seger = sejr
    segern = sejren
    seier = sejr
    seieren = sejren
    mästare = mester
    mästerskap = mesterskab
    mästerskapet = mesterskabet
    mesterskap = mesterskab
    gull = guld
    seriegull = mesterskab
    cupgull = pokalsejr
    mesterskapet = mesterskabet
    seriemester = mester
    seriemesterskap = mesterskab
    seriemesterskapet = mesterskabet
    posisjon = position
    posisjonen = positionen
    plass = plads
    cupen = pokalen
    fru = kone
    hustru = kone
    dotter = datter
    dottern = datteren
    sonen = sønnen
    sønn = søn
    familj = familie
    familjen = familien
    flyttade = flyttede
    flyttet = flyttede
    flytta = flytte
    heter = hedder
    hette = hed
    het = hed
    började = begyndte
    begynte = begyndte
    slutade = stoppede
    sluttet = stoppede
    avslutade = afsluttede
    avsluttet = afsluttede
    lämnade = forlod
    lämna = forlade
    forlot = forlod
    gick = gik
    gikk = gik
    tok = tog
    fick = fik
    fikk = fik
    sade = sagde
    säga = sige
    tyckte = syntes
    tidning = avis
    tidningen = avisen
    artikeln = artiklen
    artikkelen = artiklen
    artikkel = artikel
    jobb = job
    jobben = jobbet
    säsong = sæson
    säsongen = sæsonen
    sesong = sæson
    sesongen = sæsonen
    höst = efterår
    høst = efterår
    hösten = efteråret
    høsten = efteråret
    våren = foråret
    anfallare = angriber
    angriper = angriber
    spiss = angriber
    försvarare = forsvarer
    målvakt = målmand
    keeper = målmand
    avtal = aftale
    avtalet = aftalen
    avtale = aftale
    avtalen = aftalen
    fotboll = fodbold
    fotball = fodbold
    fotbollsspelare = fodboldspiller
    fotballspiller = fodboldspiller
    utlandet = udlandet
    utomlands = i udlandet
    österrike = østrig
    østerrike = østrig
    österrikisk = østrigsk
    österrikiska = østrigske
    østerriksk = østrigsk
    østerrikske = østrigske
    tyska = tyske
    belgia = belgien
    belgiska = belgiske
    danska = danske
    frankrike = frankrig
    spania = spanien
    italia = italien
    nederländerna = holland
    wie alt = how old
    wie lange = how long
    wie viele = how many
    wie oft = how often
    wann = when
    warum = why
    wieso = why
    welcher = which
    welche = which
    welches = which
    welchen = which
    wer = who
    wo = where
    woher = where from
    ist = is
    war = was
    hat = has
    hatte = had
    wurde = became
    und = and
    oder = or
    nicht = not
    auch = also
    für = for
    nach = after
    erste = first
    ersten = first
    letzte = last
    jahr = year
    jahre = years
    jahren = years
    heute = today
    jetzt = now
    geburtstag = birthday
    geboren = born
    spieler = player
    stürmer = striker
    verteidiger = defender
    torwart = goalkeeper
    cheftrainer = head coach
    co trainer = assistant coach
    verein = club
    vereine = clubs
    vereins = club
    mannschaft = team
    nationalmannschaft = national team
    meister = champion
    meisterschaft = championship
    meistertitel = title
    pokalsieger = cup winner
    sieg = win
    gewonnen = won
    gewann = won
    spiel = match
    spielte = played
    gespielt = played
    trainierte = coached
    ergebnis = result
    rückspiel = return leg
    zeitung = newspaper
    lebenslauf = cv
    zukunft = future
    vertrag = contract
    bis = until
    tochter = daughter
    sohn = son
    ehefrau = wife
    frau = wife
    kinder = children
    deutschland = germany
    österreich = austria
    dänemark = denmark
    ausland = abroad
    auslandsstation = club abroad
    hoe oud = how old
    hoe lang = how long
    hoeveel = how many
    hoe = how
    wanneer = when
    waarom = why
    waar = where
    welke = which
    welk = which
    heeft = has
    werd = became
    niet = not
    ook = also
    eerste = first
    laatste = last
    jaar = year
    jaren = years
    verjaardag = birthday
    speler = player
    spelers = players
    spits = striker
    aanvaller = striker
    ploeg = team
    elftal = team
    hoofdtrainer = head coach
    kampioen = champion
    kampioenschap = championship
    landstitel = league title
    beker = cup
    bekerwinst = cup win
    speelde = played
    gespeeld = played
    trainde = coached
    wedstrijd = match
    overwinning = win
    zege = win
    uitslag = result
    krant = newspaper
    tot = until
    dochter = daughter
    zoon = son
    vrouw = wife
    kinderen = children
    gezin = family
    duitsland = germany
    oostenrijk = austria
    belgië = belgium
    denemarken = denmark
    buitenland = abroad
    ontslagen = fired
    ontslag = sacking
    beslissing = decision
    quel âge = how old
    quelle âge = how old
    combien de temps = how long
    combien d'années = how many years
    combien = how many
    quand = when
    pourquoi = why
    quel = which
    quelle = which
    quels = which
    quelles = which
    qui = who
    était = was
    avait = had
    aussi = also
    après = after
    avant = before
    dernier = last
    dernière = last
    ans = years
    année = year
    années = years
    aujourd'hui = today
    maintenant = now
    anniversaire = birthday
    naissance = birth
    joueur = player
    joueurs = players
    attaquant = striker
    défenseur = defender
    gardien = goalkeeper
    entraîneur = coach
    entraîneur principal = head coach
    entraîneur adjoint = assistant coach
    sélectionneur = national coach
    équipe = team
    équipe nationale = national team
    championnat = championship
    titre = title
    coupe = cup
    victoire = win
    gagné = won
    joué = played
    avenir = future
    contrat = contract
    jusqu'à = until
    fille = daughter
    fils = son
    femme = wife
    épouse = wife
    enfants = children
    famille = family
    allemagne = germany
    autriche = austria
    belgique = belgium
    danemark = denmark
    étranger = abroad
    licencié = fired
    viré = fired
    limogé = sacked
    saison = season
    carrière = career
    aventure = adventure
    exactement = exactly
    oui = yes
    """
)

_LONGEST: Final = max(len(key) for key in NEIGHBOUR_WORDS)


def to_own_language(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """`words` with the Swedish and Norwegian words among them in Danish and the German, Dutch
    and French ones in English; a word that `known` says the fact base knows stays as it is, and so
    does the question of a member who writes none of them."""
    result: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            span = tuple(words[i : i + size])
            own = NEIGHBOUR_WORDS.get(span)
            if own is not None and not (size == 1 and known(span[0])):
                result.extend(own)
                i += size
                break
        else:
            result.append(words[i])
            i += 1
    return result
