/** election.json `seats` is bounded like `--seats` (issue 13): a council has at most 1,000 seats, with a positioned message. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { decodeElection } from "../../src/ballot/election.js"
import { formatProblem } from "../../src/ballot/problem.js"

const proportional = (seats: string) =>
  `{"id": "e", "name": "E", "system": "proportional",\n"seats": ${seats},\n"parties": [{"id": "a", "name": "A"}], "territories": [{"id": "T", "name": "T"}]}`

const majoritarian = (seats: string) =>
  `{"id": "e", "name": "E", "system": "majoritarian", "territories": [{"id": "T", "name": "T"}],\n"districts": [{"id": "D", "name": "D", "seats": ${seats}, "candidates": [{"id": "c", "name": "C", "gender": "F"}]}]}`

const problems = (text: string) => {
  const r = decodeElection("e.json", text)
  return Either.isLeft(r) ? r.left.problems.map(formatProblem) : []
}

describe("seats in election.json", () => {
  it("accepts 1 to 1000 seats", () => {
    expect(problems(proportional("1000"))).toEqual([])
    expect(problems(majoritarian("1000"))).toEqual([])
  })

  it("refuses more seats than a council can have, at the value, for the kenesh and for a district", () => {
    expect(problems(proportional("1001"))).toEqual([expect.stringMatching(/^e\.json:2:10: .*seats.*from 1 to 1000/)])
    expect(problems(proportional("100000000"))).toHaveLength(1)
    expect(problems(majoritarian("5000"))).toEqual([expect.stringMatching(/^e\.json:2:.*seats.*from 1 to 1000/)])
  })
})
