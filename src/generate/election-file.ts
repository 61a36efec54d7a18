/** Writes `election.json` (SPEC §1.1) for a plan, with the registry as a path to `precincts.csv`. */
import type { ChunkedFile } from "./chunked-file.js"
import { party, personName } from "./names.js"
import { candidateId, districtId, type Plan, territoryId } from "./plan.js"
import { hashSeed, Random } from "./random.js"

/** The file name of the registry written beside `election.json`. */
export const registryFileName = "precincts.csv"

/** Writes the election definition; names come from their own stream of the seed. Mutates `file`. */
export const writeElection = (plan: Plan, seed: string, file: ChunkedFile): void => {
  const random = new Random(`${seed}/names`)
  const proportional = plan.system === "proportional"
  const tag = hashSeed(seed)[0].toString(16).padStart(8, "0")
  const kind = proportional ? "city" : "ayil"
  let seats = plan.seats
  for (let d = 0; d < plan.districtSeats.length; d++) seats += plan.districtSeats[d]
  file.text(
    "{\n" +
      `  "id": "synthetic-${plan.system}-${tag}",\n` +
      `  "name": ${JSON.stringify(`Synthetic ${kind} kenesh election (seed ${seed})`)},\n` +
      `  "system": "${plan.system}",\n` +
      `  "edition": "2024",\n` +
      `  "seats": ${seats},\n`
  )
  if (proportional) {
    file.text(`  "parties": [\n`)
    for (let k = 0; k < plan.choices; k++) {
      const list = Array.from({ length: plan.seats }, () => personName(random, random.float() < 0.5 ? "F" : "M"))
      file.text(`    ${JSON.stringify({ ...party(k), list })}${k + 1 < plan.choices ? "," : ""}\n`)
    }
  } else {
    file.text(`  "districts": [\n`)
    for (let d = 0; d < plan.districts; d++) {
      const candidates: Array<{ id: string; name: string; gender: "F" | "M" }> = []
      for (let c = plan.candidateStart[d]; c < plan.candidateStart[d + 1]; c++) {
        const gender = plan.candidateFemale[c] === 1 ? "F" : "M"
        candidates.push({ id: candidateId(plan, c), name: personName(random, gender), gender })
      }
      const district = { id: districtId(plan, d), name: `District No. ${d + 1}`, seats: plan.districtSeats[d], candidates }
      file.text(`    ${JSON.stringify(district)}${d + 1 < plan.districts ? "," : ""}\n`)
    }
  }
  file.text(`  ],\n  "territories": [\n`)
  for (let t = 0; t < plan.territories; t++) {
    const territory = { id: territoryId(plan, t), name: `Territorial election commission No. ${t + 1}` }
    file.text(`    ${JSON.stringify(territory)}${t + 1 < plan.territories ? "," : ""}\n`)
  }
  file.text(`  ],\n  "precincts": "${registryFileName}",\n  "rules": {},\n  "annulled": [],\n  "lots": []\n}\n`)
}
