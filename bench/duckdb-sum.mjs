// The comparison of the end-to-end benchmark: DuckDB reads a protocols file with `read_csv` and sums every
// count column per territory (what an analyst would reach for), from Node, as a whole process. Plain
// JavaScript run as is (DuckDB is a native addon, not bundled). Usage: node bench/duckdb-sum.mjs FILE THREADS
import { DuckDBInstance } from "@duckdb/node-api"
import { openSync, readSync, closeSync } from "node:fs"

const [file, threads = "2"] = process.argv.slice(2)

/** The header line of the file: the columns to sum are all but the ids. */
const header = () => {
  const fd = openSync(file, "r")
  const buf = Buffer.alloc(64 * 1024)
  const n = readSync(fd, buf, 0, buf.length, 0)
  closeSync(fd)
  const text = buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "")
  return text.slice(0, text.search(/\r?\n/)).split(",")
}

const ids = new Set(["precinct", "territory", "district", "source"])
const sums = header()
  .filter((c) => !ids.has(c))
  .map((c) => `sum(CAST("${c.replaceAll('"', '""')}" AS BIGINT))::BIGINT`)
const instance = await DuckDBInstance.create(":memory:", { threads })
const connection = await instance.connect()
const sql = `SELECT territory, count(*)::BIGINT AS protocols, ${sums.join(", ")} FROM read_csv('${file.replaceAll("'", "''")}', header = true) GROUP BY territory ORDER BY territory`
const reader = await connection.runAndReadAll(sql)
const rows = reader.getRows()
process.stdout.write(`${rows.length} territories, ${rows.reduce((n, r) => n + Number(r[1]), 0)} protocols\n`)
