/**
 * The Kyrgyz words of the terminal table, report.html and the live page; the same keys as `en.ts`. The terms
 * of the protocol follow the law text (seeds/004: шайлоочулардын тизмеси, шайлоо бюллетени, жарактуу, жараксыз,
 * бузулган, "Баардыгына каршы", участкалык шайлоо комиссиясы, чүчүкулак). For review by a native speaker.
 */
import type { Labels } from "./en.js"

/** Joins words as a sentence lists them: "а", "а жана б", "а, б жана в". */
const list = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} жана ${items[items.length - 1]}`

export const ky: Labels = {
  language: "Кыргызча",
  tag: "ky",
  list,
  title: "Шайлоонун жыйынтыгы",
  system: { proportional: "шаардык кеңеш, партиялык тизмелер (пропорционалдык система)", majoritarian: "айылдык кеңеш, шайлоо округдары (мажоритардык система)" },
  edition: (edition: string) => `мыйзамдын ${edition}-жылкы редакциясы`,
  seatsOfKenesh: (n: number) => `${n} мандат`,
  status: {
    final: "АКЫРКЫ",
    blocked: "БӨГӨТТӨЛГӨН",
    incomplete: "ТОЛУК ЭМЕС",
    failed: "ШАЙЛОО БОЛГОН ЖОК",
    "lot-required": "ЧҮЧҮКУЛАК КЕРЕК"
  },
  statusWord: "Абалы",
  statusExplain: {
    final: "Жыйынтык акыркы: каталар жок, бардык участкалар эсептелди, бардык мандаттар бөлүштүрүлдү.",
    blocked: "Жыйынтык акыркы эмес: адегенде каталар оңдолушу (же участкалардын жыйынтыгы жокко чыгарылышы) керек. Көрсөтүлгөн сандар жана мандаттар алдын ала.",
    incomplete: "Жыйынтык акыркы эмес: айрым участкалардын кол менен эсептелген протоколу жок (протокол жок же автоматтык эсеп гана), шайлоо округунан протокол жок же мандат бош калды. Көрсөтүлгөн сандар жана мандаттар алдын ала.",
    failed: "Мандаттарды бөлүштүрүүгө болбойт: кайра шайлоо керек.",
    "lot-required": "Акыркы мандат(тар)га бирдей талаптар: комиссия чүчүкулак кармап, жыйынтыгын шайлоо файлына (lots) жазат."
  },
  provisional: "алдын ала",
  headings: {
    precincts: "Шайлоо участкалары",
    summary: "Жыйынтык таблица",
    districts: "Шайлоо округдары",
    votesSeats: "Добуштар жана мандаттар",
    derivation: "Мандаттар кантип бөлүштүрүлдү",
    elected: "Шайланган депутаттар",
    women: "Аялдар үчүн квота",
    margins: "Запас: тизменин мандаттарын өзгөртө турган добуштар",
    findings: "Эскертүүлөр",
    sensitivity: "Эсептелбеген участкалар мандаттарды өзгөртө алмак беле?",
    inputs: "Киргизилген файлдар",
    signatures: "Колтамгалар"
  },
  precincts: {
    registered: "реестрде",
    counted: "эсептелди",
    annulled: "жыйынтыгы жокко чыгарылды",
    missing: "протокол жок",
    preliminary: "алдын ала (автоматтык эсеп гана)",
    versions: "кийинки протокол боюнча эсептелди",
    none: "жок"
  },
  version: (precinct: string, version: number, source: string | null) =>
    `${precinct}: ${version}-версия${source === "asu" ? " (автоматтык эсеп)" : ""}`,
  lines: {
    voters: "Шайлоочулардын тизмесиндеги шайлоочулар",
    received: "Алынган шайлоо бюллетендери",
    issued_premises: "Добуш берүү үчүн жайда берилген бюллетендер",
    issued_outside: "Жайдан тышкары берилген бюллетендер",
    cancelled: "Жокко чыгарылган (колдонулбаган) бюллетендер",
    spoiled: "Бузулган бюллетендер",
    found_stationary: "Стационардык ящиктердеги бюллетендер",
    found_mobile: "Көчмө ящиктердеги бюллетендер",
    invalid: "Жараксыз бюллетендер",
    valid: "Жарактуу бюллетендер",
    against_all: "Баардыгына каршы",
    participants: "Добуш берүүгө катышкан шайлоочулар"
  },
  columns: {
    line: "Протоколдун сабы",
    total: "Бардыгы",
    territory: "Аймак",
    district: "Округ",
    precincts: "Участкалар",
    party: "Партиялык тизме",
    candidate: "Талапкер",
    gender: "Жынысы",
    votes: "Добуштар",
    share: "Үлүшү",
    admitted: "Босогодон өттү",
    seats: "Мандаттар",
    seat: "Мандат",
    elected: "Шайланды",
    whole: "Бүтүн мандаттар",
    remainder: "Калдык",
    claim: "Негизи",
    gain: "Дагы бир мандат үчүн добуштар",
    lose: "Мандаттарын сактап жогото турган добуштар",
    file: "Файл",
    sha256: "SHA-256",
    severity: "Түрү",
    finding: "Эскертүү",
    detail: "Толугураак",
    where: "Кайда",
    reserved: "Аялдар үчүн резервделген",
    womenElected: "Шайланган аялдар",
    unfilled: "Толтурулган жок",
    precinct: "Участок",
    why: "Эмне үчүн эсептелген жок",
    voters: "Шайлоочулар",
    answer: "Жооп"
  },
  yes: "ооба",
  no: "жок",
  gender: { F: "аял", M: "эркек" },
  votesChoice: "Добуштар",
  legendVotes: "добуштардын үлүшү",
  legendSeats: "мандаттардын үлүшү",
  seatsWhole: "Мандаттар",
  seatsOfDistrict: (n: number) => `${n} мандат`,
  reason: {
    "no-list-admitted": "бир да тизме босогодон өткөн жок",
    "against-all-exceeds-leader": "«Баардыгына каршы» лидерден көп добуш алды"
  },
  allocationStatus: {
    allocated: "бөлүштүрүлдү",
    "lot-required": "чүчүкулак керек",
    failed: "шайлоо болгон жок (кайра шайлоо)"
  },
  method: (method: string) => (method === "hare" ? "Хэйр квотасы, эң чоң калдыктар" : method === "most-votes" ? "эң көп добуш" : method),
  threshold: (op: "gt" | "ge", percent: string, base: string, baseVotes: string, needed: string) =>
    `Босого: ${base === "valid" ? "жарактуу бюллетендердин" : "добуш берүүгө катышкан шайлоочулардын"} (${baseVotes}) ${percent} пайыздан ${op === "gt" ? "ашыгы" : "кем эмеси"} = ${needed} добуш`,
  quota: (votes: string, seats: string, quota: string) =>
    `Хэйр квотасы: босогодон өткөн тизмелердин ${votes} добушу / ${seats} мандат = бир мандатка ${quota} добуш`,
  wholeSeats: (whole: number, left: number) => `Квотанын бүтүн бөлүктөрү ${whole} мандат берет; калган ${left} мандат эң чоң калдыктар боюнча бөлүштүрүлөт`,
  remainderClaim: (r: string) => `калдык ${r}`,
  votesClaim: (v: string) => `${v} добуш`,
  tie: (n: number, among: ReadonlyArray<string>) => `Теңдик: ${list(among)} ортосунда ${n} мандат: комиссия чүчүкулак кармайт`,
  lot: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `${list(among)} ортосунда чүчүкулак: ${list(winners)} утту`,
  tieBreak: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `Бирдей талаптар: ${list(among)}; көп добуш алганы биринчи: ${list(winners)}`,
  reserve: (reserved: number, unfilled: number) =>
    `Аялдар үчүн мандаттар: ${reserved}${unfilled > 0 ? `; ${unfilled} толтурулган жок (добуш алган аял талапкерлер аз)` : ""}`,
  giveWay: (man: string, woman: string) => `${man} орунду ${woman} үчүн бошотот (аялдар үчүн квота)`,
  divisors: (ds: ReadonlyArray<string>) => `Бөлүүчүлөр: ${ds.join(", ")}`,
  quotients: (party: string, qs: ReadonlyArray<string>) => `${party}: ${qs.join(", ")}`,
  failedStep: (reason: string) => `Шайлоо болгон жок: ${reason}`,
  noList: (n: number) => `${n} мандат; шайлоо файлында талапкерлердин тизмеси жок`,
  nobodyElected: "эч ким шайланган жок",
  vacant: (n: number) => `${n} мандат бош калды: добуш алган талапкерлер аз`,
  noReserve: "Бул шайлоодо аялдар үчүн мандат резервделбейт.",
  womenLine: (reserved: number, elected: number, unfilled: number) =>
    `резервделген ${reserved}, шайланган аялдар ${elected}${unfilled > 0 ? `, толтурулган жок ${unfilled}` : ""}`,
  gainNone: "эч бир добуш саны менен",
  loseNone: "мандатын жоготпойт",
  severity: { error: "ката", warning: "эскертүү" },
  findingsCount: (errors: number, warnings: number) => `каталар: ${errors}, эскертүүлөр: ${warnings}`,
  noFindings: "Эскертүүлөр жок: бардык протоколдор туура келет.",
  electionTotal: "Шайлоо боюнча жыйынтык",
  unknownTerritory: "Аймак белгисиз",
  moreFindings: (shown: number, total: number, flag: string) => `${total} эскертүүнүн ${shown} көрсөтүлдү; баарын ${flag} көрсөтөт.`,
  expectedActual: (expected: string, actual: string) => `күтүлгөнү ${expected}, протоколдо ${actual}`,
  codes: {
    "ballot-balance": "Алынган бюллетендер берилген, жокко чыгарылган жана бузулган бюллетендердин суммасына барабар эмес",
    "found-vs-sorted": "Ящиктердеги бюллетендер жарактуу жана жараксыз бюллетендердин суммасына барабар эмес",
    "valid-vs-votes": "Жарактуу бюллетендер тизмелерге жана «Баардыгына каршы» берилген добуштардын суммасына барабар эмес",
    "marks-out-of-range": "Белгилер жарактуу бюллетендерге жана бир шайлоочуга уруксат берилген белгилердин санына туура келбейт",
    "candidate-over-ballots": "Талапкердин добуштары жарактуу бюллетендерден көп",
    "found-over-issued": "Ящиктерде берилгенден көп бюллетень табылды",
    "mobile-over-issued": "Көчмө ящиктерде жайдан тышкары берилгенден көп бюллетень бар",
    "issued-over-voters": "Тизмедеги шайлоочулардан көп бюллетень берилди",
    "reserve-exceeded": "Алынган бюллетендер шайлоочулардын санынан 0,1 пайыздан ашык",
    "duplicate-protocol": "Бир эле протокол эки жолу",
    "unknown-precinct": "Реестрде жок участок",
    "registry-mismatch": "Аймак же округ реестрге туура келбейт",
    "missing-precinct": "Реестрдеги участоктон протокол жок",
    "ballots-unaccounted": "Ящиктерде берилгенден аз бюллетень табылды",
    "voters-mismatch": "Шайлоочулардын саны реестрге туура келбейт",
    "high-invalid-share": "Жараксыз бюллетендер табылгандардын 5 пайызынан ашык",
    "asu-mismatch": "Автоматтык эсеп кол менен эсептөөдөн айырмаланат"
  },
  why: { annulled: "жыйынтыгы жокко чыгарылды", missing: "протокол жок", preliminary: "автоматтык эсеп гана", errors: "протоколдо каталар бар" },
  answer: {
    cannot: "Бул жерде кайра добуш берүү мандаттарды өзгөртө албайт.",
    can: "Бул жерде кайра добуш берүү мандаттарды өзгөртүшү мүмкүн.",
    undetermined: "Аныкталган жок."
  },
  together: (precincts: number, voters: string) => `Бардык ${precincts} участок чогуу (${voters} шайлоочу)`,
  witness: (ballots: string) => `Мисалы, ${ballots} бюллетень мындай берилсе:`,
  witnessSeats: "мандаттар мындай болмок:",
  witnessElected: "шайланмак:",
  sensitivityNone: "Бардык участкалар эсептелди: суроо жок.",
  inputsNote: "Ушул файлдар эсептелгенин ар ким текшере алат: алардын SHA-256 дал келиши керек.",
  signatures: ["Комиссиянын төрагасы", "Комиссиянын катчысы", "Комиссиянын мүчөлөрү"],
  seeTable: "Мандаттар",
  districtLine: (name: string, n: number) => `${name} (${n} мандат)`,
  outWritten: (dir: string, files: ReadonlyArray<string>) => `${dir} ичине жазылды: ${files.join(", ")}`,
  valid: "ЖАРАКТУУ: каталар жок.",
  notValid: (errors: number) => `ЖАРАКСЫЗ: каталар: ${errors}.`,
  precinctsLine: (registered: number, counted: number, annulled: number, missing: number, preliminary: number) =>
    `Участкалар: реестрде ${registered}, эсептелди ${counted}, жокко чыгарылды ${annulled}, протокол жок ${missing}, алдын ала ${preliminary}`,
  footer: "kenesh-tally жогорудагы файлдардан түздү; ошол эле файлдар ар дайым ошол эле отчетту берет."
}
