/**
 * election.json (SPEC §1.1): every problem is reported as `file:line:column: path: message`, pointing at the
 * value at fault; a good file gives the election with its edition's rules and the overrides applied.
 */
import { Either } from "effect"
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { decodeElection, readElection, readElectionSteps, type Election } from "../../src/ballot/election.js"
import { formatProblem, sortProblems, type Problems } from "../../src/ballot/problem.js"
import { editions } from "../../src/ballot/rules.js"
import { ingest } from "../../src/tally/ingest.js"
import { tempDir } from "./readers.js"

/** The problems of an election text, as `e.json:line:column: message`. */
const problems = (text: string): ReadonlyArray<string> => {
  const r = decodeElection("e.json", text)
  return Either.isLeft(r) ? sortProblems(r.left.problems).map(formatProblem) : []
}

/** The decoded election; fails the test when the text has problems. */
const election = (text: string): Election => {
  const r = decodeElection("e.json", text)
  if (Either.isLeft(r)) throw new Error(r.left.problems.map(formatProblem).join("\n"))
  return r.right
}

/**
 * A proportional election, one key per line: line 2 id, 3 name, 4 system, 5 seats, 6-9 parties (a on 7, b on 8),
 * then `extra` lines from line 10 on.
 */
const prop = (extra = "", replace: Record<string, string> = {}) => {
  let text = `{
  "id": "e",
  "name": "E",
  "system": "proportional",
  "seats": 3,
  "parties": [
    { "id": "a", "name": "A" },
    { "id": "b", "name": "B" }
  ]${extra}
}
`
  for (const [from, to] of Object.entries(replace)) text = text.replace(from, to)
  return text
}

/** A majoritarian election: district D1 (2 seats) on line 6, its candidates on lines 7 and 8. */
const maj = (c1: string, c2: string, extra = "") => `{
  "id": "m",
  "name": "M",
  "system": "majoritarian",
  "districts": [
    { "id": "D1", "name": "D", "seats": 2, "candidates": [
      ${c1},
      ${c2}
    ] }
  ]${extra}
}
`

describe("bad JSON: the first syntax error with its position", () => {
  it("a missing comma", () => {
    expect(problems(prop("", { '"E",': '"E"' }))).toEqual(['e.json:4:3: not valid JSON: expected "," or "}"'])
  })

  it("a value missing, a trailing comma", () => {
    expect(problems(prop("", { '"seats": 3': '"seats": ' }))).toEqual([
      "e.json:5:12: not valid JSON: expected a value (a number, a string in double quotes, true, false, null, an object or a list)"
    ])
    expect(problems(prop("", { '"B" }\n': '"B" },\n' }))).toEqual([
      "e.json:9:3: not valid JSON: expected a value (a number, a string in double quotes, true, false, null, an object or a list)"
    ])
  })

  it("a file that ends too early, text after the end, a string not closed, single quotes", () => {
    expect(problems('{"id": "e"')).toEqual(["e.json:1:11: not valid JSON: the file ends too early"])
    expect(problems("{}\n}")).toEqual(["e.json:2:1: not valid JSON: unexpected text after the end of the document"])
    expect(problems('{"id": "e\n}')).toEqual(["e.json:1:10: not valid JSON: a string is not closed before the end of the line"])
    expect(problems("{'id': 'e'}")).toEqual(["e.json:1:2: not valid JSON: expected a string in double quotes"])
  })

  it("an empty file", () => {
    expect(problems("")).toEqual(["e.json:1:1: the election file is empty"])
    expect(problems(" \n ")).toEqual(["e.json:1:1: the election file is empty"])
  })
})

describe("schema problems: every one, at the value at fault", () => {
  it("an unknown system, edition, gender", () => {
    expect(problems(prop("", { '"proportional"': '"prop"' }))).toEqual(['e.json:4:13: system: must be "proportional" or "majoritarian"'])
    expect(problems(prop(',\n  "edition": "2020"'))).toEqual(['e.json:10:14: edition: must be "2011" or "2024"'])
    expect(problems(maj('{ "id": "c1", "name": "C", "gender": "F" }', '{ "id": "c2", "name": "C", "gender": "X" }'))).toEqual([
      'e.json:8:44: districts[0].candidates[1].gender: must be "F" or "M"'
    ])
  })

  it("an unknown key at the top, in rules, in a party", () => {
    expect(problems(prop(',\n  "seat": 31'))).toEqual(['e.json:10:11: seat: unknown key "seat"'])
    expect(problems(prop(',\n  "rules": { "thresold": 5 }'))).toEqual(['e.json:10:26: rules.thresold: unknown key "thresold"'])
    expect(problems(prop("", { '"name": "B"': '"name": "B", "lsit": []' }))).toEqual(['e.json:8:39: parties[1].lsit: unknown key "lsit"'])
  })

  it("bad rules values", () => {
    expect(problems(prop(',\n  "rules": {\n    "threshold": { "percent": "seven", "op": "gte", "base": "voters" },\n    "tie": "coin",\n    "againstAll": true,\n    "marksPerVoter": 0,\n    "womenReserve": 30\n  }'))).toEqual([
      'e.json:11:31: rules.threshold.percent: must be a decimal percent from 0 to 100, like 7 or "0.5"',
      'e.json:11:46: rules.threshold.op: must be "gt" (more than) or "ge" (not less than)',
      'e.json:11:61: rules.threshold.base: must be "participants" or "valid"',
      'e.json:12:12: rules.tie: must be "lot" or "votes"',
      'e.json:13:19: rules.againstAll: must be "fail" or "ignore"',
      'e.json:14:22: rules.marksPerVoter: must be a whole number from 1 to 1000, or "seats"',
      "e.json:15:21: rules.womenReserve: must be null (no reserve) or an object with percent and minSeats"
    ])
    expect(problems(prop(',\n  "rules": { "threshold": { "percent": 101 } }'))).toEqual([
      'e.json:10:40: rules.threshold.percent: must be a decimal percent from 0 to 100, like 7 or "0.5"'
    ])
  })

  it("wrong types, in plain words", () => {
    expect(problems(prop("", { '"id": "e"': '"id": 5', '"seats": 3': '"seats": 1.5', '"name": "A"': '"name": 7' }))).toEqual([
      "e.json:2:9: id: must be a non-empty id without surrounding spaces",
      "e.json:5:12: seats: must be a whole number of 1 or more",
      "e.json:7:26: parties[0].name: must be text in double quotes, not 7"
    ])
    expect(problems(prop(',\n  "territories": { "id": "T1" },\n  "annulled": "5101"'))).toEqual([
      "e.json:10:18: territories: must be a list in square brackets [ ]",
      "e.json:11:15: annulled: must be a list in square brackets [ ]"
    ])
    expect(problems(prop("", { '{ "id": "a", "name": "A" }': '"a"' }))).toEqual(["e.json:7:5: parties[0]: must be an object in curly braces { }"])
    expect(problems('[{"id": "e"}]')).toEqual(["e.json:1:1: must be an object in curly braces { }"])
  })

  it("missing fields", () => {
    expect(problems(prop("", { '  "name": "E",\n': "", '"name": "A"': '"nam": "A"' }))).toEqual([
      'e.json:1:1: name: "name" is required',
      'e.json:6:5: parties[0].name: "name" is required',
      'e.json:6:25: parties[0].nam: unknown key "nam"'
    ])
  })

  it("a proportional election needs parties and seats; a majoritarian one districts", () => {
    expect(problems(prop("", { '  "seats": 3,\n': "" }))).toEqual(['e.json:1:1: seats: a proportional election needs the number of seats'])
    expect(problems('{ "id": "m", "name": "M", "system": "majoritarian" }')).toEqual(["e.json:1:1: districts: a majoritarian election needs its districts"])
    expect(problems(prop("", { '"proportional"': '"majoritarian"' }))).toEqual([
      "e.json:1:1: districts: a majoritarian election needs its districts",
      "e.json:5:12: seats: the districts have 0 seats in all, not 3",
      "e.json:6:14: parties: a majoritarian (ayil kenesh) election has candidates in districts, not party lists"
    ])
  })

  it("an id that is a protocol column", () => {
    expect(problems(prop("", { '"id": "b"': '"id": "valid"' }))).toEqual(['e.json:8:13: parties[1].id: "valid" is the name of a protocol column; choose another id'])
  })
})

describe("cross-references: duplicate and unknown ids", () => {
  it("a party defined twice", () => {
    expect(problems(prop("", { '"id": "b"': '"id": "a"' }))).toEqual(['e.json:8:13: parties[1].id: party "a" is defined twice'])
  })

  it("a candidate defined twice, also across districts; a district defined twice", () => {
    expect(problems(maj('{ "id": "c1", "name": "C", "gender": "F" }', '{ "id": "c1", "name": "C", "gender": "M" }'))).toEqual([
      'e.json:8:15: districts[0].candidates[1].id: candidate "c1" is defined twice'
    ])
    const twoDistricts = maj('{ "id": "c1", "name": "C", "gender": "F" }', '{ "id": "c2", "name": "C", "gender": "M" }').replace(
      "] }\n  ]",
      '] },\n    { "id": "D1", "name": "E", "seats": 1, "candidates": [{ "id": "c2", "name": "C", "gender": "M" }] }\n  ]'
    )
    expect(problems(twoDistricts)).toEqual([
      'e.json:10:13: districts[1].id: district "D1" is defined twice',
      'e.json:10:67: districts[1].candidates[0].id: candidate "c2" is defined twice'
    ])
  })

  it("a territory and a precinct defined twice, with a party defined twice: all reported at once", () => {
    const extra = `,
  "territories": [{ "id": "T1", "name": "x" }, { "id": "T1", "name": "y" }],
  "precincts": [
    { "id": "5101", "territory": "T1", "voters": 10 },
    { "id": "5101", "territory": "T1", "voters": 10 }
  ]`
    expect(problems(prop(extra, { '"id": "b"': '"id": "a"' }))).toEqual([
      'e.json:8:13: parties[1].id: party "a" is defined twice',
      'e.json:10:56: territories[1].id: territory "T1" is defined twice',
      'e.json:13:13: precincts[1].id: precinct "5101" is registered twice'
    ])
  })

  it("a precinct of an unknown territory", () => {
    const extra = `,
  "territories": [{ "id": "T1", "name": "x" }],
  "precincts": [
    { "id": "5101", "territory": "T1", "voters": 10 },
    { "id": "5103", "territory": "T9", "voters": 10 }
  ]`
    expect(problems(prop(extra))).toEqual(['e.json:13:5: precinct "5103": unknown territory "T9"'])
  })

  it("a precinct's own problems, each at its place", () => {
    const extra = `,
  "precincts": [
    { "id": "5101", "territory": "T1", "voters": -5 },
    { "territory": "T1", "voters": "5", "x": 1 }
  ]`
    expect(problems(prop(extra))).toEqual([
      "e.json:11:50: precincts[0].voters: must be a whole number of 0 or more",
      'e.json:12:5: precincts[1].id: "id" is required',
      "e.json:12:36: precincts[1].voters: must be a whole number of 0 or more",
      'e.json:12:46: precincts[1].x: unknown key "x"'
    ])
  })

  it("majoritarian precincts name a known district", () => {
    const c = ['{ "id": "c1", "name": "C", "gender": "F" }', '{ "id": "c2", "name": "C", "gender": "M" }'] as const
    const extra = `,
  "precincts": [
    { "id": "1", "territory": "T1", "voters": 5 },
    { "id": "2", "territory": "T1", "district": "D7", "voters": 5 }
  ]`
    expect(problems(maj(...c, extra))).toEqual(['e.json:12:5: precinct "1": no district named', 'e.json:13:5: precinct "2": unknown district "D7"'])
  })

  it("annulled precincts must be registered; lots name parties of the election", () => {
    expect(problems(prop(',\n  "precincts": [{ "id": "1", "territory": "T1", "voters": 5 }],\n  "annulled": ["1", "9"]'))).toEqual([
      'e.json:11:21: annulled[1]: annulled precinct "9" is not in the registry'
    ])
    expect(problems(prop(',\n  "lots": [{ "among": ["a", "z"], "winners": ["b"] }]'))).toEqual([
      'e.json:10:29: lots[0].among[1]: "z" is not a party of this election',
      'e.json:10:47: lots[0].winners[0]: the winner "b" did not take part in this drawing of lots'
    ])
  })

  it("more seats reserved for women than the district has; districts' seats against the kenesh's", () => {
    const c = ['{ "id": "c1", "name": "C", "gender": "F" }', '{ "id": "c2", "name": "C", "gender": "M" }'] as const
    expect(problems(maj(...c).replace('"seats": 2,', '"seats": 2, "reservedForWomen": 3,'))).toEqual([
      "e.json:6:64: districts[0].reservedForWomen: 3 seats reserved for women, but the district has 2"
    ])
    expect(problems(maj(...c, ',\n  "seats": 5'))).toEqual(["e.json:11:12: seats: the districts have 2 seats in all, not 5"])
  })
})

describe("a good election: the edition's rules with the overrides applied", () => {
  it("edition 2024 by default: threshold 5% and more, the women's reserve", () => {
    const e = election(prop())
    expect(e.edition).toBe("2024")
    expect(e.rules).toEqual({
      threshold: { percent: "5", op: "ge", base: "participants" },
      tie: "lot",
      marksPerVoter: "seats",
      againstAll: "fail",
      womenReserve: { percent: "30", minSeats: 2 },
      asuTolerance: "0"
    })
    expect(e.rules).toEqual(editions["2024"])
    expect(e).toMatchObject({ id: "e", system: "proportional", seats: 3, registry: null, annulled: [], lots: [] })
    expect(e.parties).toEqual([
      { id: "a", name: "A", list: null },
      { id: "b", name: "B", list: null }
    ])
    expect(e.layout.choices).toEqual(["a", "b"])
  })

  it("edition 2011: threshold more than 7%, no reserve", () => {
    expect(election(prop(',\n  "edition": "2011"')).rules).toEqual({
      threshold: { percent: "7", op: "gt", base: "participants" },
      tie: "lot",
      marksPerVoter: "seats",
      againstAll: "fail",
      womenReserve: null,
      asuTolerance: "0"
    })
  })

  it("overrides: threshold percent (number or text) and op, tie, against-all, marks, reserve off or changed", () => {
    const r = election(prop(',\n  "edition": "2011",\n  "rules": { "threshold": { "percent": 0.5, "op": "ge" }, "tie": "votes", "againstAll": "ignore", "marksPerVoter": 1 }')).rules
    expect(r).toEqual({ threshold: { percent: "0.5", op: "ge", base: "participants" }, tie: "votes", marksPerVoter: 1, againstAll: "ignore", womenReserve: null, asuTolerance: "0" })
    expect(election(prop(',\n  "rules": { "asuTolerance": "0.5" }')).rules.asuTolerance).toBe("0.5")
    expect(election(prop(',\n  "rules": { "threshold": { "percent": "3" } }')).rules.threshold).toEqual({ percent: "3", op: "ge", base: "participants" })
    expect(election(prop(',\n  "rules": { "womenReserve": null }')).rules.womenReserve).toBeNull()
    expect(election(prop(',\n  "rules": { "womenReserve": { "minSeats": 3 } }')).rules.womenReserve).toEqual({ percent: "30", minSeats: 3 })
    expect(election(prop(',\n  "edition": "2011",\n  "rules": { "womenReserve": { "percent": 40 } }')).rules.womenReserve).toEqual({ percent: "40", minSeats: 2 })
  })

  it("a majoritarian election: seats are the districts' sum; reservedForWomen kept; lists and precincts inline", async () => {
    const c = ['{ "id": "c1", "name": "C", "gender": "F", "party": "p" }', '{ "id": "c2", "name": "C", "gender": "M" }'] as const
    const e = election(maj(...c, ',\n  "precincts": [{ "id": "1", "territory": "T1", "district": "D1", "voters": 5 }]').replace('"seats": 2,', '"seats": 2, "reservedForWomen": 1,'))
    expect(e.seats).toBe(2)
    expect(e.districts[0]).toEqual({
      id: "D1",
      name: "D",
      seats: 2,
      reservedForWomen: 1,
      candidates: [
        { id: "c1", name: "C", gender: "F", party: "p" },
        { id: "c2", name: "C", gender: "M", party: null }
      ]
    })
    // The registry is seen through a tally: with no protocols, its precinct is missing, located where it is written.
    const none = await ingest(e, [], "fast")
    expect(none.ok && none.data.findings.map((f) => [f.code, f.precinct, f.file, f.line])).toEqual([["missing-precinct", "1", "e.json", 11]])
  })
})

describe("readElection: files, and a registry as a CSV path", () => {
  it("reads a file with a BOM; a missing file is a problem", () => {
    const dir = tempDir()
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, "\ufeff" + prop())
    expect(Either.isRight(readElection(file))).toBe(true)
    const missing = path.join(dir, "nope.json")
    expect(Either.getLeft(readElection(missing)).pipe((o) => o._tag === "Some" && o.value.problems.map(formatProblem))).toEqual([
      `${missing}:1:1: cannot read the election file: there is no such file`
    ])
  })

  it("a registry CSV relative to the election file: columns in any order, district optional", async () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, "data"))
    fs.writeFileSync(path.join(dir, "data", "registry.csv"), "voters,id,territory\n100,5101,T1\n\n200,5102,T2\n")
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(',\n  "precincts": "data/registry.csv"'))
    const e = readElection(file)
    if (Either.isLeft(e)) throw new Error(e.left.problems.map(formatProblem).join("\n"))
    const csv = path.join(dir, "data", "registry.csv")
    // The registry is seen through a tally: with no protocols, both precincts are missing, each at its line.
    const none = await ingest(e.right, [], "fast")
    if (!none.ok) throw new Error("unusable")
    expect(none.data.precincts).toMatchObject({ registered: 2, counted: 0, missing: ["5101", "5102"] })
    expect(none.data.findings.map((f) => [f.precinct, f.file, f.line])).toEqual([
      ["5101", csv, 2],
      ["5102", csv, 4]
    ])
    expect(none.data.territories.map((t) => t.id)).toEqual(["T1", "T2"])
  })

  it("a bad registry CSV: every problem, at its line and column", () => {
    const dir = tempDir()
    const csv = path.join(dir, "registry.csv")
    fs.writeFileSync(csv, "id,territory,voters\n5101,T1,1 000\n,T1,5\n5103,T1\n5104,T1,-3\n")
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(',\n  "precincts": "registry.csv"'))
    const e = readElection(file)
    expect(Either.isLeft(e) ? e.left.problems.map(formatProblem) : []).toEqual([
      `${csv}:2:9: voters: "1 000" has thousands separators; write the digits only, e.g. 1000`,
      `${csv}:3:1: the precinct id is empty`,
      `${csv}:4:1: this row has 2 cells but the header has 3`,
      `${csv}:5:9: voters: "-3" has a sign; a count is a whole number of 0 or more, written without + or -`
    ])
  })

  it("a registry CSV with an unknown or missing column, or not there at all", () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, "registry.csv"), "id,voters,region\n5101,100,T1\n")
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(',\n  "precincts": "registry.csv"'))
    const csv = path.join(dir, "registry.csv")
    const e = readElection(file)
    expect(Either.isLeft(e) ? e.left.problems.map(formatProblem) : []).toEqual([
      `${csv}:1:11: unknown column "region": the registry's columns are id, territory, district, voters`,
      `${csv}:1:1: the header has no column "territory"`
    ])
    fs.writeFileSync(file, prop(',\n  "precincts": "other.csv"'))
    const gone = readElection(file)
    expect(Either.isLeft(gone) ? gone.left.problems.map(formatProblem) : []).toEqual([`${file}:10:16: precincts: "other.csv": cannot read the precinct registry: there is no such file`])
  })

  it("registry rows are checked against the election: duplicates, territories, districts", () => {
    const dir = tempDir()
    const csv = path.join(dir, "registry.csv")
    fs.writeFileSync(csv, "id,territory,voters\n5101,T1,100\n5101,T1,100\n5102,T1,100\n5101,T1,100\n")
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(',\n  "territories": [{ "id": "T1", "name": "x" }],\n  "precincts": "registry.csv"'))
    const twice = readElection(file)
    expect(Either.isLeft(twice) ? twice.left.problems.map(formatProblem) : []).toEqual([
      `${csv}:3:1: precinct "5101" is registered twice (first at line 2)`,
      `${csv}:5:1: precinct "5101" is registered twice (first at line 2)`
    ])
    fs.writeFileSync(csv, "id,territory,voters\n5101,T1,100\n5102,T9,100\n")
    const unknown = readElection(file)
    expect(Either.isLeft(unknown) ? unknown.left.problems.map(formatProblem) : []).toEqual([`${csv}:3:1: precinct "5102": unknown territory "T9"`])
  })
})

describe("election.json that a strict JSON reader refuses with its position (issue 13)", () => {
  it("a key given twice is a problem at the second, not the last value silently", () => {
    expect(problems(prop("", { '"seats": 3': '"seats": 5, "seats": 3' }))).toEqual([
      'e.json:5:15: the key "seats" appears twice in this object; each key may be given once'
    ])
    expect(problems(prop(',\n  "rules": { "tie": "votes" },\n  "rules": {}'))).toEqual([
      'e.json:11:3: the key "rules" appears twice in this object; each key may be given once'
    ])
  })

  it("every key given twice is reported, also inside lists", () => {
    expect(problems(prop("", { '{ "id": "a", "name": "A" }': '{ "id": "a", "name": "A", "id": "b" }', '{ "id": "b", "name": "B" }': '{ "name": "B", "id": "b", "name": "C" }' }))).toEqual([
      'e.json:7:31: the key "id" appears twice in this object; each key may be given once',
      'e.json:8:31: the key "name" appears twice in this object; each key may be given once'
    ])
  })

  it("nesting 2,500 levels deep, in any key, is refused where it goes too deep", () => {
    const deep = "[".repeat(2500) + "]".repeat(2500)
    expect(problems(prop("", { '"name": "A"': `"name": ${deep}` }))).toEqual(["e.json:7:87: not valid JSON: the lists and objects are nested more than 64 levels deep"])
    expect(problems(prop(`,\n  "rules": ${"{\"a\": ".repeat(2500)}1${"}".repeat(2500)}`))[0]).toMatch(/^e\.json:10:\d+: not valid JSON: the lists and objects are nested more than 64 levels deep$/)
  })

  it("bad escapes, a control character in a string: positioned, never an internal error", () => {
    expect(problems(prop("", { '"name": "E"': '"name": "E\\x"' }))).toEqual(['e.json:3:13: not valid JSON: "x" cannot follow a backslash; write \\\\ for a backslash'])
    expect(problems(prop("", { '"name": "E"': '"name": "\\u12"' }))).toEqual(["e.json:3:12: not valid JSON: a \\u escape needs four hexadecimal digits"])
    expect(problems(prop("", { '"name": "E"': '"name": "E\tF"' }))).toEqual(["e.json:3:13: not valid JSON: a control character (U+0009) inside a string; write it as an escape such as \\t"])
  })

  it("valid escapes are read; a control character written as an escape never reaches a message raw", () => {
    expect(election(prop("", { '"name": "E"': '"name": "\\u0416\\n\\"x\\""' })).name).toBe('Ж\n"x"')
    expect(problems(prop("", { '"id": "a"': '"id": "a\\u001b[2J"', '"id": "b"': '"id": "a\\u001b[2J"' }))).toEqual([
      'e.json:8:13: parties[1].id: party "a\\u001b[2J" is defined twice'
    ])
  })

  it("__proto__, constructor and toString are ids and keys like any other", () => {
    const e = election(prop("", { '"id": "a"': '"id": "__proto__"', '"id": "b"': '"id": "constructor"' }))
    expect(e.parties.map((p) => p.id)).toEqual(["__proto__", "constructor"])
    expect(problems(prop(',\n  "__proto__": { "x": 1 }'))).toEqual(['e.json:10:16: __proto__: unknown key "__proto__"'])
  })

  it("a long value is cut in the message", () => {
    const [message] = problems(prop("", { '"name": "A"': `"name": ${"7".repeat(100000)}` }))
    expect(message.length).toBeLessThan(300)
  })

  it("ids, keys and values in messages are cut as CSV cells are: 40 characters, then …, control characters escaped", () => {
    const long = "x".repeat(100)
    const x40 = "x".repeat(40)
    expect(problems(prop("", { '"id": "a"': `"id": "${long}"`, '"id": "b"': `"id": "${long}"` }))).toEqual([`e.json:8:13: parties[1].id: party "${x40}…" is defined twice`])
    // Two keys shown alike are still two problems, each at its value.
    const rules = `  "rules": { "${long}": 1, "${x40}\\u001b": 2, "${x40}\\n": 3 }`
    expect(problems(prop(`,\n${rules}`))).toEqual([
      `e.json:10:${rules.indexOf(": 1") + 3}: rules.${x40}…: unknown key "${x40}…"`,
      `e.json:10:${rules.indexOf(": 2") + 3}: rules.${x40}…: unknown key "${x40}…"`,
      `e.json:10:${rules.indexOf(": 3") + 3}: rules.${x40}…: unknown key "${x40}…"`
    ])
    expect(problems(prop(`,\n  "rules": { "a\\u001b": 1, "b\\n\\t": 2 }`))).toEqual([
      "e.json:10:25: rules.a\\u001b: unknown key \"a\\u001b\"",
      "e.json:10:37: rules.b\\n\\t: unknown key \"b\\n\\t\""
    ])
    expect(problems(prop(`,\n  "s${long}": 1, "s${long}": 2`))).toEqual([`e.json:10:111: the key "s${"x".repeat(39)}…" appears twice in this object; each key may be given once`])
    expect(problems(prop("", { '"name": "A"': `"name": ["${long}"]` }))).toEqual([`e.json:7:26: parties[0].name: must be text in double quotes, not ["${"x".repeat(38)}…`])
  })

  it("10,000 problems are each reported at their own position", () => {
    const precincts = Array.from({ length: 10000 }, (_, i) => `{ "id": "p${i}", "territory": "T", "voters": -${i + 1} }`)
    const text = prop(`,\n  "precincts": [\n${precincts.join(",\n")}\n  ]`)
    const found = problems(text)
    expect(found.length).toBe(10000)
    expect(found[0]).toBe("e.json:11:43: precincts[0].voters: must be a whole number of 0 or more")
    expect(found[9999]).toBe("e.json:10010:46: precincts[9999].voters: must be a whole number of 0 or more")
  })

  it("a registry of 200,000 precincts inline is read, and a problem in it points at its row", () => {
    const n = 200000
    const rows = Array.from({ length: n }, (_, i) => `{"id":"${i}","territory":"T1","voters":100}`)
    const ok = election(prop(`,\n  "territories": [{ "id": "T1", "name": "T" }],\n  "precincts": [\n${rows.join(",\n")}\n  ]`))
    expect(ok.registry?.size).toBe(n)
    rows[n - 1] = `{"id":"${n - 1}","territory":"T9","voters":100}`
    expect(problems(prop(`,\n  "territories": [{ "id": "T1", "name": "T" }],\n  "precincts": [\n${rows.join(",\n")}\n  ]`))).toEqual([
      `e.json:${12 + n - 1}:1: precinct "${n - 1}": unknown territory "T9"`
    ])
  })
})

describe("a large inline registry: every problem reported, each at its own place (issue 13)", () => {
  /**
   * A proportional election (territory "T") whose registry rows start at line 11, one per line, and whose `annulled`
   * ids follow one per line; `row(i)` gives row i's text (the tests find each problem's column in it).
   */
  const many = (n: number, row: (i: number) => string, annulled: ReadonlyArray<string> = []) => {
    const rows = Array.from({ length: n }, (_, i) => row(i))
    const lines = [`,\n  "territories": [{ "id": "T", "name": "T" }],\n  "precincts": [`, ...rows.map((r, i) => (i < n - 1 ? `${r},` : r)), "  ]"]
    if (annulled.length > 0) lines.push(...[`  ,"annulled": [`, ...annulled.map((a, j) => `    ${JSON.stringify(a)}${j < annulled.length - 1 ? "," : ""}`), "  ]"])
    // prop's extra starts on line 10: territories there, precincts on line 11, the rows from line 12.
    return { text: prop(lines.join("\n")), rows, firstRow: 12, firstAnnulled: 12 + n + 1 }
  }
  const col = (text: string, part: string) => text.indexOf(part) + 1

  it("12,000 rows, three in four with a schema problem (a bad count, an unknown key, no id)", () => {
    const n = 12000
    const row = (i: number) =>
      i % 4 === 0
        ? `{ "id": "p${i}", "territory": "T", "voters": -${i + 1} }`
        : i % 4 === 1
          ? `{ "id": "p${i}", "territory": "T", "voters": 1, "x${i}": 2 }`
          : i % 4 === 2
            ? `{ "territory": "T", "voters": 1 }`
            : `{ "id": "p${i}", "territory": "T", "voters": ${i} }`
    const { text, rows, firstRow } = many(n, row)
    const expected = rows.flatMap((r, i) => {
      const line = firstRow + i
      if (i % 4 === 0) return [`e.json:${line}:${col(r, `-${i + 1}`)}: precincts[${i}].voters: must be a whole number of 0 or more`]
      if (i % 4 === 1) return [`e.json:${line}:${col(r, "2 }")}: precincts[${i}].x${i}: unknown key "x${i}"`]
      if (i % 4 === 2) return [`e.json:${line}:1: precincts[${i}].id: "id" is required`]
      return []
    })
    expect(problems(text)).toEqual(expected)
  })

  it("12,000 rows, every fourth id registered twice", () => {
    const { text, rows, firstRow } = many(12000, (i) => `{ "id": "p${i % 4 === 3 ? i - 1 : i}", "territory": "T", "voters": 1 }`)
    expect(problems(text)).toEqual(
      rows.flatMap((r, i) => (i % 4 === 3 ? [`e.json:${firstRow + i}:${col(r, `"p${i - 1}"`)}: precincts[${i}].id: precinct "p${i - 1}" is registered twice`] : []))
    )
  })

  it("12,000 rows of which every fifth names an unknown territory, and 6,000 annulled ids of which half are not registered", () => {
    const n = 12000
    const annulled = Array.from({ length: 6000 }, (_, j) => (j % 2 === 0 ? `p${j}` : `q${j}`))
    const { text, firstRow, firstAnnulled } = many(n, (i) => `{ "id": "p${i}", "territory": "${i % 5 === 0 ? "T9" : "T"}", "voters": 1 }`, annulled)
    const expected = [
      ...Array.from({ length: n / 5 }, (_, k) => `e.json:${firstRow + 5 * k}:1: precinct "p${5 * k}": unknown territory "T9"`),
      ...annulled.flatMap((a, j) => (j % 2 === 1 ? [`e.json:${firstAnnulled + 1 + j}:5: annulled[${j}]: annulled precinct "${a}" is not in the registry`] : []))
    ]
    expect(problems(text)).toEqual(expected)
  })

  it("10,000 rows with a key given twice: each at its second key", () => {
    const { text, rows, firstRow } = many(10000, (i) => `{ "id": "p${i}", "territory": "T", "voters": 1, "${i % 2 === 0 ? "id" : "voters"}": 2 }`)
    expect(problems(text)).toEqual(
      rows.map((r, i) => {
        const key = i % 2 === 0 ? "id" : "voters"
        return `e.json:${firstRow + i}:${r.lastIndexOf(`"${key}"`) + 1}: the key "${key}" appears twice in this object; each key may be given once`
      })
    )
  })
})

describe("a registry path that does not name a readable regular file: a problem at the path, exit 2 (issue 13)", () => {
  const registryProblem = (registry: string): ReadonlyArray<string> => {
    const dir = tempDir()
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(`,\n  "precincts": ${JSON.stringify(registry)}`))
    const r = readElection(file)
    return Either.isLeft(r) ? r.left.problems.map(formatProblem).map((m) => m.replace(file, "e.json")) : []
  }

  it("a folder, the election's own folder, an empty path", () => {
    expect(registryProblem(".")).toEqual(['e.json:10:16: precincts: ".": cannot read the precinct registry: it is a folder, not a file; name a file inside it'])
    expect(registryProblem("/tmp")).toEqual(['e.json:10:16: precincts: "/tmp": cannot read the precinct registry: it is a folder, not a file; name a file inside it'])
    expect(registryProblem("")).toEqual(['e.json:10:16: precincts: "": cannot read the precinct registry: the path is empty'])
  })

  it("a device, a file of /proc, a named pipe: never read, never waited on", () => {
    expect(registryProblem("/dev/zero")).toEqual(['e.json:10:16: precincts: "/dev/zero": cannot read the precinct registry: it is a device, not a regular file'])
    expect(registryProblem("/proc/self/status")).toEqual([
      'e.json:10:16: precincts: "/proc/self/status": cannot read the precinct registry: it is a file of the operating system (/proc), not an input file'
    ])
    const fifo = path.join(tempDir(), "fifo")
    execFileSync("mkfifo", [fifo])
    expect(registryProblem(fifo)).toEqual([
      `e.json:10:16: precincts: ${JSON.stringify(fifo)}: cannot read the precinct registry: it is a named pipe, not a regular file; save the data to a file first`
    ])
  })

  it("an election file that is a folder or a device", () => {
    const dir = tempDir()
    expect(Either.getLeft(readElection(dir)).pipe((o) => o._tag === "Some" && o.value.problems.map(formatProblem))).toEqual([
      `${dir}:1:1: cannot read the election file: it is a folder, not a file; name a file inside it`
    ])
    expect(Either.getLeft(readElection("/dev/zero")).pipe((o) => o._tag === "Some" && o.value.problems.map(formatProblem))).toEqual([
      "/dev/zero:1:1: cannot read the election file: it is a device, not a regular file"
    ])
  })
})

describe("readElectionSteps: the file decoded once, the registry read after", () => {
  /** An election file with a registry CSV (and its problems, if any) and its steps. */
  const withRegistry = (csvText: string, extra = "") => {
    const dir = tempDir()
    const csv = path.join(dir, "registry.csv")
    fs.writeFileSync(csv, csvText)
    const file = path.join(dir, "election.json")
    fs.writeFileSync(file, prop(`,\n  "territories": [{ "id": "T1", "name": "x" }],\n  "precincts": "registry.csv"${extra}`))
    return { file, csv, steps: readElectionSteps(file) }
  }
  const messages = (r: Either.Either<Election, Problems>) => (Either.isLeft(r) ? r.left.problems : [])

  it("without the registry first, then whole: the same election as readElection, the registry only in the whole", () => {
    const { file, csv, steps } = withRegistry("id,territory,voters\n5101,T1,100\n5102,T1,200\n")
    fs.rmSync(csv)
    // The registry is read by `whole` only: removed, it is a problem of the whole election alone.
    const first = steps.withoutRegistry()
    expect(Either.isRight(first) && first.right.registry).toBe(null)
    expect(Either.isRight(first) && first.right.parties.map((p) => p.id)).toEqual(["a", "b"])
    expect(messages(steps.whole())).toEqual(messages(readElection(file)))
    expect(messages(steps.whole()).length).toBe(1)
    fs.writeFileSync(csv, "id,territory,voters\n5101,T1,100\n5102,T1,200\n")
    const whole = steps.whole()
    expect(Either.isRight(whole) && whole.right.registry?.size).toBe(2)
    const once = readElection(file)
    if (Either.isLeft(whole) || Either.isLeft(once)) throw new Error("a good election")
    expect({ ...whole.right, registry: null }).toEqual({ ...once.right, registry: null })
    expect(Array.from(whole.right.registry!.voters)).toEqual([100, 200])
  })

  it("every problem of both steps, in the same order as readElection reports them", () => {
    const { file, steps } = withRegistry("id,territory,voters\n5101,T1,100\n5102,T9,100\n", ',\n  "annulled": ["9999"],\n  "lots": [{ "among": ["a", "z"], "winners": ["a"] }]')
    const first = messages(steps.withoutRegistry()).map((p) => formatProblem(p as never))
    expect(first).toEqual([expect.stringContaining(`"z" is not a party of this election`)])
    const whole = messages(steps.whole()).map((p) => formatProblem(p as never))
    expect(whole).toEqual(messages(readElection(file)).map((p) => formatProblem(p as never)))
    expect(whole).toHaveLength(3)
  })
})
