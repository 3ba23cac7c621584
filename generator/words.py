"""Every word list the generator reads people by: titles, ranks, labels that name roles, not people.

One home, so a word added for one rule is seen by the others that must agree with it. All words
are folded (lower case, no dots): compare them with `text.fold_name` keys.
"""

from __future__ import annotations

ROLE_WORDS = frozenset({
    "secretary", "minister", "attorney", "general", "president", "vice", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "director", "advisor", "adviser", "administrator",
    "chairman", "chairwoman", "chair", "commissioner", "deputy", "under", "assistant", "counselor",
    "coordinator", "envoy", "representative", "senator", "governor", "mayor", "admiral", "colonel",
    "officer", "chief", "head", "prime", "chancellor", "king", "queen", "principal", "press",
    "special", "senior", "official", "moderator", "staff", "lieutenant", "major", "captain",
    "sergeant", "commander", "surgeon", "foreign", "high", "first", "lady", "leader",
    "speaker", "cabinet", "council", "member", "executive", "associate", "acting", "treasurer",
})
"""Words of titles; a participant line needs one, and a name never contains one."""

TITLE_FORMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
               "chairwoman": "chair", "chairperson": "chair"}
"""Forms of one title, by the one they are read as: the UN's `Spokesman:` is the `Spokesperson for the
Secretary-General` its transcript's first line names, and the other way round."""

ORG_WORDS = frozenset({
    "of", "the", "for", "and", "state", "defense", "security", "homeland", "affairs", "justice",
    "treasury", "commerce", "health", "human", "services", "interior", "energy", "agriculture",
    "labor", "education", "transportation", "veterans", "economy", "economic", "finance", "trade",
    "development", "public", "safety", "national", "department", "ministry", "government",
    "european", "union", "external", "action", "service", "eeas", "nato", "united", "nations",
    "states", "republic", "mexican", "american", "us", "u.s.", "international", "policy",
    "communications", "intelligence", "management", "budget", "office", "house", "white",
    "advisers", "advisors", "chiefs", "joint", "committee", "commission", "agency", "administration",
    "bureau", "board", "centers", "disease", "prevention", "emergency", "protection", "environmental",
})
"""Words of the names of governments and their departments (`Secretary of Homeland Security`)."""

ADDRESS = frozenset({"mr", "ms", "mrs", "dr", "miss", "mx"})
"""Forms of address before a surname (`MR. PRICE`)."""

HONORIFICS = ADDRESS | {"gen", "general", "sec", "secretary"}
"""Words dropped from a label before its surname is looked for among the participants."""

RANKS = ADDRESS | {
    "gen", "general", "major", "maj", "lt", "lieutenant", "col", "colonel", "adm", "admiral", "sec",
    "rear", "brig", "brigadier", "capt", "captain", "cmdr", "commander", "sgt", "sergeant",
    "the", "secretary", "ambassador", "deputy", "press", "spokesperson",
}
"""Words a label may gain or drop while naming the same person (`MAJOR GENERAL PAT RYDER`, `GEN. RYDER`)."""

MILITARY_RANKS = frozenset({
    "gen", "general", "maj", "major", "lt", "lieutenant", "col", "colonel", "adm", "admiral", "brig", "brigadier",
    "capt", "captain", "cmdr", "sgt", "sergeant",
})
"""Military ranks (folded, without their dot), which a title prints between a role and a name (`Chief of Naval
Operations Adm. Mike Gilday`): the role's last words are never one."""

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes, folded: `Lloyd J. Austin III` is an Austin."""

QUESTION_LABELS = frozenset({"q", "question", "questioner", "reporter", "audience member", "participant question",
                             "correspondent", "journalist", "reporters", "journalists", "press corps",
                             "members of the press"})
"""Labels of reporters' turns (`Correspondent:`, a reporter's remark between questions at the UN's noon briefings;
`PRESS CORPS:`, `REPORTERS:`, the room answering at once)."""

ROLE_LABELS = frozenset({"moderator", "operator", "interpreter", "translator", "aide", "staff", "staffer",
                         "participant", "host", "announcer", "narrator", "audience", "master of ceremonies"})
"""Functional labels that name nobody; `THE …` labels (`THE PRESIDENT`) are roles too."""

OUTLET_LABELS = frozenset({
    # wires
    "afp", "agence france-presse", "agence france presse", "ap", "associated press", "the associated press", "reuters",
    "bloomberg", "bloomberg news", "xinhua", "xinhua news agency", "kyodo", "kyodo news", "jiji press", "tass",
    "ria novosti", "sputnik", "interfax", "yonhap", "yonhap news agency", "efe", "ansa", "dpa", "anadolu",
    "anadolu agency", "bernama", "prensa latina", "press trust of india", "pti", "ani", "antara", "vna",
    "china news service", "china news agency", "pakistan press international", "associated press of pakistan",
    # broadcasters
    "cctv", "cgtn", "phoenix tv", "hong kong tvb", "tvb", "rthk", "nhk", "fuji tv", "tbs", "kbs", "mbc", "sbs",
    "bbc", "cnn", "fox news", "nbc", "nbc news", "cbs", "cbs news", "abc", "abc news", "npr", "pbs", "voa",
    "voice of america", "al jazeera", "al arabiya", "france 24", "rfi", "deutsche welle", "dw", "euronews",
    "sky news", "channel newsasia", "cna", "wion", "geo news", "rt", "shenzhen tv", "dragon tv", "hubei media group",
    "cnr", "china national radio", "cri", "china radio international", "china central television",
    "china global television network", "cnbc", "bloomberg tv", "reuters tv", "tv asahi", "nippon tv", "itar-tass",
    "rossiya segodnya", "asahi", "yomiuri", "mainichi", "tokyo shimbun", "guangming daily", "ta kung pao",
    "wen wei po", "hong kong commercial daily", "economic daily",
    # papers and sites
    "china daily", "global times", "people's daily", "peoples daily", "beijing youth daily", "the paper",
    "china review news", "macau monthly", "south china morning post", "scmp", "nikkei", "asahi shimbun",
    "yomiuri shimbun", "mainichi shimbun", "straits times", "the straits times", "the hindu",
    "new york times", "the new york times", "washington post", "the washington post", "wall street journal",
    "the wall street journal", "financial times", "the financial times", "politico", "axios", "los angeles times",
})
"""Well-known news outlets printed as a label (`AFP:`, `CCTV:`, `Reuters:` at a foreign ministry's briefing): a
reporter of that outlet asking, even under a label the document uses once. Folded as `labels.outlet_label` folds."""

MODERATOR_LABELS = frozenset({"moderator", "operator", "host", "master of ceremonies"})
"""Role labels of whoever gives the floor: their turns are calls, never answers."""

TITLE_WORDS = ROLE_WORDS | {"mr", "ms", "mrs", "dr", "question", "interpreter", "operator",
                            "participant", "moderator", "q", "audience", "reporter", "host", "aide",
                            "correspondent", "journalist"}
"""Words that make a mixed-case lead-in a label wherever they stand (`Peter Stano, Moderator`)."""

NAME_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "and", "for", "van", "von", "da", "le", "y"})
"""Lower-case words a capitalised label or name may hold (`Secretary of State`, `Ursula von der Leyen`)."""

NOT_LABELS = frozenset({
    "note", "update", "editor's note", "editors note", "ps", "end", "source", "transcript",
    "issued on", "share", "posted", "published", "updated", "date", "subject", "location",
    "time", "released", "first", "second", "third", "fourth", "fifth", "finally", "lastly",
    "next", "one", "two", "three", "also", "again", "so", "now", "look", "listen", "remember",
    "bottom line", "example", "for example", "transcript id", "release date", "release type", "period of service",
    "media", "type", "subjects",
})
"""Lead-ins that open like a label (`Note:`) and never name a speaker (compared in lower case)."""

PROSE_OPENERS = frozenset({"for", "to", "and", "but", "so", "on", "in", "with", "from", "about", "as", "at", "by",
                           "if", "when", "former"})
"""First words of a mixed-case lead-in that make it prose (`For Dr. Fauci: …`), not a label."""

# ---- Topic tagging (generator/enrich/mentions.py): how a mention stands in its sentence ----

CLAUSE_VERBS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "must",
    "may", "might", "does", "did", "do", "remains", "remain", "continues", "continue", "needs", "need",
    "wants", "poses", "threatens", "killed", "kills", "killing", "took", "takes", "taking", "made", "makes",
    "became", "becomes", "affects", "affected", "hit", "hits", "came", "comes", "went", "goes", "caused",
    "causes", "led", "leads", "rose", "rises", "fell", "falls", "grew", "grows", "launched", "attacked",
})
"""Words that, right after a mention, make it the subject of a clause of its own (`Inflation is up`,
`COVID-19 is taking the lives of …`): such a mention is no aside, wherever it stands."""

CLAUSE_SKIPS = frozenset({"s", "also", "now", "still", "just", "already", "really", "clearly", "actually",
                          "itself", "alone", "again", "which", "that", "who", "obviously", "certainly"})
"""Words that may stand between a mention and its verb (`Russia's invasion` is no clause; `Russia,
which has …` and `China now has` are)."""

CLAUSE_PREPOSITIONS = frozenset({"in", "of", "at", "across", "around", "from", "on", "inside", "within"})
"""Words that open a short phrase qualifying a mention before its verb (`insecurity in Mexico is enormous`)."""

LIST_FILLERS = frozenset({"and", "or", "nor", "the", "a", "an", "to", "from", "like", "including", "as", "well",
                          "such", "in", "also", "even", "plus", "with", "s", "of", "our", "their", "its", "on",
                          "whether", "that", "be", "either", "both", "then", "especially", "particularly",
                          "not", "only", "but"})
"""Words that may stand between the items of a list (`COVID-19, like the climate crisis, like migration`;
`whether that be in Iran or Afghanistan or Russia`; `from X to Y to Z`)."""

LIST_JOINERS = frozenset({"and", "or", "nor", "to", "plus"})
"""Words that join the items of a list, as a comma does."""

LIST_OPENERS = frozenset({"whether", "including", "such"})
"""Words that open a list after what frames it (`hostages held overseas, whether that be in Iran or
Afghanistan or Russia`, `threats, including …`, `such as`): a mention before one is no item of the list after it."""

ASKING_WORDS = frozenset({"ask", "asking", "asked", "question", "questions", "follow", "follow-up", "pivot", "turn",
                          "switch", "talk", "talking", "update"})
"""Words that announce what a question is about (`Can I ask about the baby formula challenge`): the mention
that follows `about` or `on` after one of them is the paragraph's subject, wherever it stands."""

REFERRALS = frozenset({"refer", "referring", "point", "pointing", "defer", "deferring", "direct"})
"""Verbs that send a question elsewhere: what follows ("refer you to the Department of Justice") is
where to ask, not what is talked about."""

TRIP_WORDS = frozenset({"trip", "trips", "travel", "swing", "leg"})
"""Words that, right after a mention, make it a journey's name (`the NATO trip`): travel logistics, no subject."""

MOTION_WORDS = frozenset({"head", "heading", "headed", "fly", "flying", "flies", "travel", "traveling", "travelling",
                          "travels", "depart", "departing", "departs", "wheels"})
"""Verbs of travel: `head to Madrid for NATO` names where the President goes next, not what is discussed."""

COMPARATIVES = frozenset({"better", "worse", "more", "less", "fewer"})
"""Comparatives not ending in `-er` as their kind do: what follows `… than` is the comparison's
yardstick (`worse than the pandemic`)."""

NOT_COMPARATIVES = frozenset({"other", "rather", "never", "ever", "whether", "either", "neither", "over", "under",
                              "after", "later", "together", "order", "number", "matter", "power", "per"})
"""Words ending in `-er` that make no comparison before `than` (`other than`, `rather than`)."""

NEGATIONS = frozenset({"no", "nothing", "none", "nobody", "not", "never"})
"""Words that make a comparison a superlative (`no better ally than Australia`, `nothing more precious
than the right to vote`): what follows `than` is then the subject, not a yardstick."""

TIME_MARKERS = frozenset({"during", "since", "after", "before", "throughout", "amid", "amidst", "until", "through"})
"""Words that, before `the X`, use a subject to date something ("women who left the workforce during
the pandemic"): a passing mention, unless the subject is a clause's of its own."""

COMMON_LEADS = frozenset({"the", "a", "an", "in", "on", "at", "of", "to", "for", "by", "with", "and", "or", "our",
                          "their", "his", "her", "its", "my", "your", "this", "that", "go", "going", "right", "first",
                          "out", "over", "re", "t", "new", "all", "no", "not", "free", "high", "low", "lower", "two"})
"""Common words a vocabulary term may hold (`the economy`, `right to vote`): the matcher files a term
under its first other word, so that every `the` of a text starts no look-up (a matter of speed only)."""

SUGGEST_STOP_WORDS = frozenset("""
a about above across actually after again against ago all almost already also although always am among an and
another any anybody anyone anything anyway are aren't around as ask asked asking at away back be because been
before being below best better between beyond both but by call called can can't cannot certainly clear clearly
come comes coming could couldn't day days did didn't do does doesn't doing don't done down during each early
either else end enough even ever every everybody everyone everything example fact far few first folks for
forward from full further get gets getting give given go goes going gone good got great had hadn't happen has
hasn't have haven't having he he's her here here's hers herself him himself his how however i i'd i'll i'm i've
if important in indeed into is isn't it it's its itself just keep kind know known last later least less let
let's like likely little look looking lot lots made make makes making many matter may maybe me mean means might
more most mr mrs ms much must my myself need needs never new next no nobody none nor not nothing now number of
off often oh okay ok on once one ones only or other others our ours ourselves out over own part particular past
people per perhaps place point points possible pretty probably put question questions quite rather re really
right said same say saying says see seen she she's should shouldn't since so some somebody someone something
sort still such sure take taken taking talk talked talking tell than thank thanks that that's the their theirs
them themselves then there there's these they they're thing things think thinking this those though thought
through time times to today together told too took toward towards tried try trying two under until up upon us
use used very want wanted wants was wasn't way ways we we'd we'll we're we've week weeks well went were weren't
what what's whatever when where whether which while who who's whole whom whose why will with within without
won't work working would wouldn't yeah year years yes yesterday yet you you'd you'll you're you've your yours
yourself going got gonna sir ma'am thank thanks appreciate obviously absolutely certainly exactly several
mm-hmm uh um hmm month months hour hours minute minutes morning afternoon evening tonight tomorrow weekend
three four five six seven eight nine ten hundred thousand million billion trillion percent second third
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())  # noqa: SIM905 (a block of words reads and edits better than 300 quoted strings)
"""Words a proposed topic's phrase neither starts nor ends with (`topics suggest`): function words and
the small talk of a briefing ("thank you", "going forward"), which say nothing of its subjects."""

NOT_NAMES = frozenset({
    # where a question comes from, not who asks it (`… one last one from Zoom.`)
    "zoom", "webex", "skype",
    # answers, interjections, greetings
    "yeah", "yes", "yep", "yup", "no", "nope", "okay", "ok", "sure", "right", "correct", "exactly", "absolutely",
    "oh", "hi", "hello", "hey", "sorry", "thanks", "thank", "please", "good", "great", "well", "so", "wow", "hmm",
    "huh", "mm-hmm", "mm-hm", "mhm", "mm", "uh-huh", "uh-oh", "um", "uh", "ah", "understood", "indeed", "totally", "true",
    "fine", "cool", "awesome", "perfect", "wonderful", "excellent", "fantastic", "terrific", "amazing", "nice",
    "lovely", "brilliant", "beautiful", "incredible", "outstanding", "bye", "welcome", "pardon", "gotcha", "bingo", "geez", "goodness", "apologies", "agreed",
    "noted", "done", "wait", "go", "look", "listen", "alright", "next", "last", "final", "finally", "lastly",
    "period", "over", "maybe", "really", "certainly", "definitely", "probably", "perhaps", "again", "also",
    "happy", "merry", "christmas", "holidays", "thanksgiving", "birthday", "congratulations", "ahead", "since", "obviously", "anyway", "meanwhile", "another", "way", "mic", "morning",
    "afternoon", "evening", "night", "day", "question", "questions",
    # pronouns, determiners, numbers, small words
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your", "our", "their",
    "this", "that", "these", "those", "there", "here", "what", "who", "which", "when", "where", "why", "how",
    "all", "both", "each", "every", "any", "some", "none", "nothing", "everything", "everyone", "everybody",
    "someone", "somebody", "anyone", "anybody", "nobody", "folks", "guys", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
    "million", "billion", "trillion", "first", "second", "third", "firstly", "secondly", "thirdly", "a", "an", "the", "and", "or", "but", "if",
    "then", "because", "with", "without", "from", "for", "of", "to", "in", "on", "at", "by", "about", "after",
    "before", "not", "just", "now", "today", "tomorrow", "yesterday", "tonight", "like", "same",
    # days and months
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    # forms of address and titles spoken alone
    "sir", "madam", "ma'am", "ma’am", "maam", "mister", "miss", "mr", "ms", "mrs", "dr", "congressman",
    "congresswoman", "sen", "rep", "gov", "pope", "father", "reverend", "rabbi", "judge", "justice", "doctor",
    "professor", "excellency", "majesty", "highness", "team", "caller", "operator", "moderator",
    # places and institutions often standing where a name would
    "america", "american", "americans", "washington", "congress", "senate", "capitol", "pentagon", "god",
    "los", "las", "san", "santa", "new", "north", "south", "east", "west", "saint", "st", "fort", "mount",
    "lake", "port", "city", "county", "island", "islands", "republic", "kingdom", "democrats", "republicans",
    "democrat", "republican", "federal", "supreme", "court",
})
"""Capitalised words that never start or make a person's name where a call would put one (`Yeah.`,
`Go ahead, Sir.`, `Then you go to Los Angeles.`). Titles and government words (`ROLE_WORDS`,
`ORG_WORDS`) are never names either; readers check both."""


OUTLET_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "at", "for", "on", "in", "y", "la", "del", "el", "des"})
"""Lower-case words inside an outlet's name (`Voice of America`, `Inside EPA at Inside Washington Publishers`)."""
GENERIC_TITLE_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "on", "in", "at", "by", "for", "with", "to", "from", "via", "upon",
    "press", "briefing", "briefings", "call", "calls", "conference", "background", "gaggle", "remarks",
    "statement", "readout", "availability", "joint", "interview", "meeting", "departure", "arrival", "before",
    "after", "during", "aboard", "en", "route", "upcoming", "trip", "signing", "ceremony", "update", "virtual",
    "bilateral", "daily", "record", "roundtable", "event", "visit", "senior", "administration", "official",
    "officials", "delivering", "address", "speech", "reception", "discussion", "conversation", "exchange",
    "session", "announcement", "message", "telephone", "phone", "tour", "stop", "participation",
})
"""Words of briefing titles that are no proper noun (`Press Briefing by …`, `Before … Departure`): APA's
sentence case lowers them (`site/csl_item.sentence_case`); every other capitalised word is kept."""

NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la",
                            "le", "bin", "bint", "ibn", "al", "el", "ter", "ten", "zu", "dos", "das"})
"""Lower-case particles before a family name (`van Beethoven`, `de Gaulle`, `bin Salman`): cited as CSL's
non-dropping particle. A capitalised one (`Van Hollen`) is part of the family name."""

NAME_INNER_WORDS = NAME_PARTICLES | {"y"}
"""Lower-case words inside a person's name as a call or an introduction reads it: the particles, and the
`y` between two family names (`Ursula von der Leyen`, `Maria del Carmen`, `Ortega y Gasset`)."""

ORGANISATION_WORDS = frozenset({
    "department", "ministry", "office", "house", "embassy", "mission", "government", "agency", "council",
    "committee", "nations", "union", "organization", "organisation", "bureau", "commission", "secretariat",
    "administration", "command", "pentagon", "kremlin",
})
"""Words that make a speaker's name an organisation's (`U.S. Department of State`, `The White House`):
such a name is cited as written (a CSL `literal`), never split into family and given names."""
