// Regenerates the bundled example elections in fixtures/ (deterministic). Their expected results are
// written by scripts/expected.mjs from the built command (`npm run fixtures` does both), and checked by tests/cli/tally.test.ts.
import { mkdirSync, writeFileSync } from "node:fs"

/** Splits `total` over `weights` by largest remainders (ties to the earlier index), exactly. */
const split = (total, weights) => {
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((total * w) / sum))
  const order = weights.map((w, i) => [(total * w) % sum, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  let left = total - parts.reduce((a, b) => a + b, 0)
  for (const [, i] of order) if (left-- > 0) parts[i]++
  return parts
}

/** Precinct protocols consistent by construction from per-precinct participants and choices. */
const protocol = (i, voters, choices, againstAll, invalid) => {
  const valid = choices.reduce((a, b) => a + b, 0) + againstAll
  const issued = valid + invalid
  const outside = Math.floor(issued / 40)
  const spoiled = i % 3
  return {
    voters,
    received: voters,
    issued_premises: issued - outside,
    issued_outside: outside,
    cancelled: voters - issued - spoiled,
    spoiled,
    found_stationary: issued - outside,
    found_mobile: outside,
    invalid,
    valid,
    against_all: againstAll
  }
}

const lines = ["voters", "received", "issued_premises", "issued_outside", "cancelled", "spoiled", "found_stationary", "found_mobile", "invalid", "valid", "against_all"]

// Kara-Balta city kenesh, early election 2020 (DOMAIN.md): the published totals, spread over 20 precincts.
{
  const parties = [
    ["sdpk", "SDPK", 4854],
    ["el-aman", "El Aman", 3074],
    ["mekenim-kyrgyzstan", "Mekenim Kyrgyzstan", 2910],
    ["eldik", "Eldik", 2305],
    ["respublika", "Respublika", 531],
    ["onuguu-progress", "Onuguu-Progress", 376],
    ["sodruzhestvo", "Sodruzhestvo", 304],
    ["dobro", "Dobro", 73]
  ]
  const n = 20
  const weights = Array.from({ length: n }, (_, i) => 80 + ((i * 37) % 50))
  const shares = parties.map(([, , v], pi) => split(v, weights.map((w, i) => w + ((i + pi * 7) % 11))))
  const aa = split(152, weights)
  const inv = split(143, weights.map((w, i) => w + (i % 5) * 9))
  const precincts = []
  const rows = []
  for (let i = 0; i < n; i++) {
    const id = String(5101 + i)
    const choices = parties.map((_, pi) => shares[pi][i])
    const participants = choices.reduce((a, b) => a + b, 0) + aa[i] + inv[i]
    const voters = Math.round(participants / (0.38 + (i % 7) * 0.02))
    precincts.push({ id, territory: "T1", voters })
    rows.push({ precinct: id, territory: "T1", ...protocol(i, voters, choices, aa[i], inv[i]), ...Object.fromEntries(parties.map(([p], pi) => [p, choices[pi]])) })
  }
  const election = {
    id: "kara-balta-2020",
    name: "Kara-Balta city kenesh, early election 2020",
    system: "proportional",
    edition: "2011",
    seats: 31,
    parties: parties.map(([id, name]) => ({ id, name })),
    territories: [{ id: "T1", name: "Kara-Balta TEC" }],
    precincts,
    rules: {},
    annulled: [],
    lots: []
  }
  const header = ["precinct", "territory", ...lines, ...parties.map(([p]) => p)]
  mkdirSync("fixtures/kara-balta-2020", { recursive: true })
  writeFileSync("fixtures/kara-balta-2020/election.json", JSON.stringify(election, null, 2) + "\n")
  writeFileSync("fixtures/kara-balta-2020/protocols.csv", [header.join(","), ...rows.map((r) => header.map((h) => r[h]).join(","))].join("\n") + "\n")
}

// A small ayil kenesh (fictional): three districts of 1 to 3 seats, edition 2024 with the women's reserve.
{
  const districts = [
    { id: "D1", name: "Ak-Jol district", seats: 3, candidates: [["d1-asanov", "M"], ["d1-bekova", "F"], ["d1-duishenov", "M"], ["d1-esenova", "F"], ["d1-kadyrov", "M"]] },
    { id: "D2", name: "Kara-Suu district", seats: 2, candidates: [["d2-mamatov", "M"], ["d2-nurlanova", "F"], ["d2-osmonov", "M"]] },
    { id: "D3", name: "Sary-Bulak district", seats: 1, candidates: [["d3-tokonov", "M"], ["d3-usenova", "F"]] }
  ]
  const votes = { D1: [[310, 150, 280, 90, 120], [260, 140, 240, 70, 150]], D2: [[200, 180, 120], [170, 210, 90]], D3: [[260, 240], [190, 230]] }
  const againstAll = { D1: [30, 25], D2: [20, 15], D3: [12, 18] }
  const invalid = { D1: [9, 7], D2: [6, 4], D3: [5, 3] }
  const precincts = []
  const rows = []
  const candidates = districts.flatMap((d) => d.candidates.map(([id]) => id))
  let k = 0
  for (const d of districts) {
    for (let j = 0; j < 2; j++) {
      const id = `${d.id}-P${j + 1}`
      const marks = votes[d.id][j]
      // Block vote (Art. 31 part 13): 1 to `seats` marks per ballot, so ballots lie between the most-marked
      // candidate's votes (and marks / seats) and the number of marks.
      const sum = marks.reduce((a, b) => a + b, 0)
      const least = Math.max(...marks, Math.ceil(sum / d.seats))
      const ballots = least + Math.floor((sum - least) / 4)
      const valid = ballots + againstAll[d.id][j]
      const issued = valid + invalid[d.id][j]
      const voters = Math.round(issued / 0.55)
      const territory = k < 4 ? "T1" : "T2"
      precincts.push({ id, territory, district: d.id, voters })
      const outside = Math.floor(issued / 30)
      const spoiled = k % 2
      const row = { precinct: id, territory, district: d.id, voters, received: voters, issued_premises: issued - outside, issued_outside: outside, cancelled: voters - issued - spoiled, spoiled, found_stationary: issued - outside, found_mobile: outside, invalid: invalid[d.id][j], valid, against_all: againstAll[d.id][j] }
      d.candidates.forEach(([c], ci) => (row[c] = marks[ci]))
      rows.push(row)
      k++
    }
  }
  const election = {
    id: "ak-jol-2024",
    name: "Ak-Jol ayil kenesh (fictional example)",
    system: "majoritarian",
    edition: "2024",
    districts: districts.map((d) => ({ id: d.id, name: d.name, seats: d.seats, candidates: d.candidates.map(([id, gender]) => ({ id, name: id, gender })) })),
    territories: [{ id: "T1", name: "Ak-Jol TEC north" }, { id: "T2", name: "Ak-Jol TEC south" }],
    precincts,
    rules: {},
    annulled: [],
    lots: []
  }
  const header = ["precinct", "territory", "district", ...lines, ...candidates]
  mkdirSync("fixtures/ak-jol-2024", { recursive: true })
  writeFileSync("fixtures/ak-jol-2024/election.json", JSON.stringify(election, null, 2) + "\n")
  writeFileSync("fixtures/ak-jol-2024/protocols.csv", [header.join(","), ...rows.map((r) => header.map((h) => r[h] ?? "").join(","))].join("\n") + "\n")
}

// ---------------------------------------------------------------------------------------------------------
// A faulty election (tests): Kara-Balta 2020 as above with a few protocols broken, so that `kenesh tally`
// is blocked. Each broken precinct breaks one known rule; its expected findings are in expected.json.
//   5103 ballot-balance (5 ballots missing from the account)      5107 valid-vs-votes (3 votes added to SDPK)
//   5112 reserve-exceeded (10 ballots over the voters)            5115 mobile-over-issued (3 ballots moved to mobile)
//   5118 missing-precinct (no protocol)                           5101 duplicate-protocol (sent twice)
{
  const { readFileSync } = await import("node:fs")
  const source = "fixtures/kara-balta-2020"
  const [header, ...rows] = readFileSync(`${source}/protocols.csv`, "utf8").trimEnd().split("\n")
  const col = Object.fromEntries(header.split(",").map((h, i) => [h, i]))
  const broken = []
  for (const line of rows) {
    const cells = line.split(",")
    const at = (name) => Number(cells[col[name]])
    const set = (name, value) => (cells[col[name]] = String(value))
    switch (cells[col.precinct]) {
      case "5103":
        set("cancelled", at("cancelled") - 5)
        break
      case "5107":
        set("sdpk", at("sdpk") + 3)
        break
      case "5112":
        set("received", at("received") + 10)
        set("cancelled", at("cancelled") + 10)
        break
      case "5115":
        set("found_mobile", at("found_mobile") + 3)
        set("found_stationary", at("found_stationary") - 3)
        break
      case "5118":
        continue
    }
    broken.push(cells.join(","))
  }
  broken.push(broken[0])
  mkdirSync("fixtures/kara-balta-faulty", { recursive: true })
  const election = JSON.parse(readFileSync(`${source}/election.json`, "utf8"))
  election.id = "kara-balta-faulty"
  election.name = "Kara-Balta city kenesh 2020, with faulty protocols (test fixture)"
  writeFileSync("fixtures/kara-balta-faulty/election.json", JSON.stringify(election, null, 2) + "\n")
  writeFileSync("fixtures/kara-balta-faulty/protocols.csv", [header, ...broken].join("\n") + "\n")
}
