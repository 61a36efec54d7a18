/**
 * The Russian words of the terminal table, report.html and the live page (the official terms of the protocol
 * of the results of voting); the same keys as `en.ts`. For review by a native speaker.
 */
import type { Labels } from "./en.js"

/** Joins words as a sentence lists them: "а", "а и б", "а, б и в". */
const list = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} и ${items[items.length - 1]}`

/** The Russian plural: 1 мандат, 2 мандата, 5 мандатов. */
const plural = (n: number, one: string, few: string, many: string): string => {
  const m10 = n % 10
  const m100 = n % 100
  if (m10 === 1 && m100 !== 11) return one
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few
  return many
}
const seats = (n: number) => `${n} ${plural(n, "мандат", "мандата", "мандатов")}`

export const ru: Labels = {
  language: "Русский",
  tag: "ru",
  list,
  title: "Итоги выборов",
  system: { proportional: "городской кенеш, партийные списки (пропорциональная система)", majoritarian: "айылный кенеш, округа (мажоритарная система)" },
  edition: (edition: string) => `редакция закона ${edition} года`,
  seatsOfKenesh: seats,
  status: {
    final: "ОКОНЧАТЕЛЬНЫЙ",
    blocked: "ЗАБЛОКИРОВАН",
    incomplete: "НЕПОЛНЫЙ",
    failed: "ВЫБОРЫ НЕ СОСТОЯЛИСЬ",
    "lot-required": "НУЖЕН ЖРЕБИЙ"
  },
  statusWord: "Статус",
  statusExplain: {
    final: "Итоги окончательные: ошибок нет, учтены все участки, все мандаты распределены.",
    blocked: "Итоги не окончательные: сначала нужно исправить ошибки (или признать итоги на участках недействительными). Цифры и мандаты предварительные.",
    incomplete: "Итоги не окончательные: не со всех участков учтён протокол ручного подсчёта (нет протокола или только автоматический подсчёт), по округу нет протоколов или мандат остался незамещённым. Цифры и мандаты предварительные.",
    failed: "Мандаты распределить нельзя: нужны повторные выборы.",
    "lot-required": "Равные претензии на последние мандаты: комиссия проводит жеребьёвку и вносит её итог в файл выборов (lots)."
  },
  provisional: "предварительно",
  headings: {
    precincts: "Избирательные участки",
    summary: "Сводная таблица",
    districts: "Округа",
    votesSeats: "Голоса и мандаты",
    derivation: "Как распределены мандаты",
    elected: "Избранные депутаты",
    women: "Квота для женщин",
    margins: "Запас: сколько голосов изменили бы число мандатов списка",
    findings: "Замечания",
    sensitivity: "Могли ли неучтённые участки изменить мандаты?",
    inputs: "Входные файлы",
    signatures: "Подписи"
  },
  precincts: {
    registered: "в реестре",
    counted: "учтено",
    annulled: "итоги признаны недействительными",
    missing: "нет протокола",
    preliminary: "предварительные (только автоматический подсчёт)",
    versions: "учтены по повторному протоколу",
    none: "нет"
  },
  version: (precinct: string, version: number, source: string | null) =>
    `${precinct}: версия ${version}${source === "asu" ? " (автоматический подсчёт)" : ""}`,
  lines: {
    voters: "Число избирателей, внесённых в список",
    received: "Число полученных бюллетеней",
    issued_premises: "Бюллетени, выданные в помещении для голосования",
    issued_outside: "Бюллетени, выданные вне помещения для голосования",
    cancelled: "Погашенные бюллетени",
    spoiled: "Испорченные бюллетени",
    found_stationary: "Бюллетени в стационарных ящиках",
    found_mobile: "Бюллетени в переносных ящиках",
    invalid: "Недействительные бюллетени",
    valid: "Действительные бюллетени",
    against_all: "Против всех",
    participants: "Избиратели, принявшие участие в голосовании"
  },
  columns: {
    line: "Строка протокола",
    total: "Итого",
    territory: "Территория",
    district: "Округ",
    precincts: "Участки",
    party: "Партийный список",
    candidate: "Кандидат",
    gender: "Пол",
    votes: "Голоса",
    share: "Доля",
    admitted: "Прошёл порог",
    seats: "Мандаты",
    seat: "Мандат",
    elected: "Избран",
    whole: "Целые мандаты",
    remainder: "Остаток",
    claim: "Основание",
    gain: "Голосов до ещё одного мандата",
    lose: "Голосов можно потерять без потери мандата",
    file: "Файл",
    sha256: "SHA-256",
    severity: "Вид",
    finding: "Замечание",
    detail: "Подробности",
    where: "Где",
    reserved: "Зарезервировано для женщин",
    womenElected: "Избрано женщин",
    unfilled: "Не заполнено",
    precinct: "Участок",
    why: "Почему не учтён",
    voters: "Избиратели",
    answer: "Ответ"
  },
  yes: "да",
  no: "нет",
  gender: { F: "женщина", M: "мужчина" },
  votesChoice: "Голоса",
  legendVotes: "доля голосов",
  legendSeats: "доля мандатов",
  seatsWhole: "Мандаты",
  seatsOfDistrict: seats,
  reason: {
    "no-list-admitted": "ни один список не преодолел порог",
    "against-all-exceeds-leader": "«против всех» получило больше голосов, чем лидер"
  },
  allocationStatus: {
    allocated: "распределены",
    "lot-required": "нужен жребий",
    failed: "не состоялись (повторные выборы)"
  },
  method: (method: string) => (method === "hare" ? "квота Хэйра, наибольшие остатки" : method === "most-votes" ? "большинство голосов" : method),
  threshold: (op: "gt" | "ge", percent: string, base: string, baseVotes: string, needed: string) =>
    `Порог: ${op === "gt" ? "более" : "не менее"} ${percent}% от ${baseVotes} ${base === "valid" ? "действительных бюллетеней" : "избирателей, принявших участие"} = ${needed} голосов`,
  quota: (votes: string, seats: string, quota: string) =>
    `Квота Хэйра: ${votes} голосов прошедших списков / ${seats} мандатов = ${quota} голосов на мандат`,
  wholeSeats: (whole: number, left: number) => `Целые части квоты дают ${seats(whole)}; ${seats(left)} — по наибольшим остаткам`,
  remainderClaim: (r: string) => `остаток ${r}`,
  votesClaim: (v: string) => `${v} голосов`,
  tie: (n: number, among: ReadonlyArray<string>) => `Равенство: ${seats(n)} между ${list(among)}: комиссия проводит жеребьёвку`,
  lot: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `Жребий между ${list(among)}: выиграл(и) ${list(winners)}`,
  tieBreak: (among: ReadonlyArray<string>, winners: ReadonlyArray<string>) => `Равные претензии: ${list(among)}; первым идёт больше голосов: ${list(winners)}`,
  reserve: (reserved: number, unfilled: number) =>
    `Мандатов для женщин: ${reserved}${unfilled > 0 ? `; не заполнено ${unfilled} (мало женщин-кандидатов с голосами)` : ""}`,
  giveWay: (man: string, woman: string) => `${man} уступает место: ${woman} (квота для женщин)`,
  divisors: (ds: ReadonlyArray<string>) => `Делители: ${ds.join(", ")}`,
  quotients: (party: string, qs: ReadonlyArray<string>) => `${party}: ${qs.join(", ")}`,
  failedStep: (reason: string) => `Выборы не состоялись: ${reason}`,
  noList: (n: number) => `${seats(n)}; в файле выборов нет списка кандидатов`,
  nobodyElected: "никто не избран",
  vacant: (n: number) => `Не замещено: ${seats(n)} (слишком мало кандидатов получили голоса)`,
  noReserve: "На этих выборах мандаты для женщин не резервируются.",
  womenLine: (reserved: number, elected: number, unfilled: number) =>
    `зарезервировано ${reserved}, избрано женщин ${elected}${unfilled > 0 ? `, не заполнено ${unfilled}` : ""}`,
  gainNone: "никаким числом голосов",
  loseNone: "не может потерять мандат",
  severity: { error: "ошибка", warning: "предупреждение" },
  findingsCount: (errors: number, warnings: number) => `ошибок: ${errors}, предупреждений: ${warnings}`,
  noFindings: "Замечаний нет: все протоколы сходятся.",
  electionTotal: "Итог по выборам",
  unknownTerritory: "Территория не известна",
  moreFindings: (shown: number, total: number, flag: string) => `Показано замечаний: ${shown} из ${total}; все показывает ${flag}.`,
  expectedActual: (expected: string, actual: string) => `ожидалось ${expected}, в протоколе ${actual}`,
  codes: {
    "ballot-balance": "Полученные бюллетени не равны сумме выданных, погашенных и испорченных",
    "found-vs-sorted": "Бюллетени в ящиках не равны сумме действительных и недействительных",
    "valid-vs-votes": "Действительные бюллетени не равны сумме голосов за списки и против всех",
    "marks-out-of-range": "Отметки не соответствуют действительным бюллетеням и числу отметок на избирателя",
    "candidate-over-ballots": "У кандидата больше голосов, чем действительных бюллетеней",
    "found-over-issued": "Бюллетеней в ящиках больше, чем выдано",
    "mobile-over-issued": "В переносных ящиках больше бюллетеней, чем выдано вне помещения",
    "issued-over-voters": "Выдано больше бюллетеней, чем избирателей в списке",
    "reserve-exceeded": "Полученных бюллетеней больше числа избирателей более чем на 0,1%",
    "duplicate-protocol": "Один и тот же протокол дважды",
    "unknown-precinct": "Участок, которого нет в реестре",
    "registry-mismatch": "Территория или округ не совпадают с реестром",
    "missing-precinct": "Нет протокола с участка из реестра",
    "ballots-unaccounted": "В ящиках меньше бюллетеней, чем выдано",
    "voters-mismatch": "Число избирателей не совпадает с реестром",
    "high-invalid-share": "Недействительных бюллетеней больше 5% от найденных",
    "asu-mismatch": "Автоматический подсчёт расходится с ручным"
  },
  why: { annulled: "итоги признаны недействительными", missing: "нет протокола", preliminary: "только автоматический подсчёт", errors: "ошибки в протоколе" },
  answer: {
    cannot: "Повторное голосование здесь не может изменить распределение мандатов.",
    can: "Повторное голосование здесь может изменить распределение мандатов.",
    undetermined: "Не определено."
  },
  together: (precincts: number, voters: string) => `Все ${precincts} ${plural(precincts, "участок", "участка", "участков")} вместе (${voters} избирателей)`,
  witness: (ballots: string) => `Например, ${ballots} бюллетеней, поданных так:`,
  witnessSeats: "дали бы такие мандаты:",
  witnessElected: "избрали бы:",
  sensitivityNone: "Учтены все участки: вопроса нет.",
  inputsNote: "Любой может проверить, что учтены именно эти файлы: их SHA-256 должны совпасть.",
  signatures: ["Председатель комиссии", "Секретарь комиссии", "Члены комиссии"],
  seeTable: "Мандаты",
  districtLine: (name: string, n: number) => `${name} (${seats(n)})`,
  outWritten: (dir: string, files: ReadonlyArray<string>) => `Записано в ${dir}: ${files.join(", ")}`,
  valid: "ДЕЙСТВИТЕЛЬНО: ошибок нет.",
  notValid: (errors: number) => `НЕ ДЕЙСТВИТЕЛЬНО: ошибок: ${errors}.`,
  precinctsLine: (registered: number, counted: number, annulled: number, missing: number, preliminary: number) =>
    `Участки: в реестре ${registered}, учтено ${counted}, недействительны ${annulled}, нет протокола ${missing}, предварительные ${preliminary}`,
  footer: "Составлено kenesh-tally по перечисленным выше файлам; одни и те же файлы всегда дают один и тот же отчёт."
}
