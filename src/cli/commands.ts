/**
 * The commands as @effect/cli definitions: their flags, arguments and descriptions. @effect/cli reads argv with
 * them; `--help` and the first reading of argv use them as data (`./command-specs.ts`, which the build writes from
 * them). A command's work is in its own module (`./tally.ts`, `./allocate.ts`, ...), loaded only when that command
 * runs: `kenesh allocate` loads neither SQLite nor the protocol readers, the tally or report.html.
 */
// Modules, not a package's index (`from "effect"`): an index loads every module of its package (README, "Start-up").
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import { methods } from "../allocation/types.js"
import { languages } from "../report/language.js"

/** A command's handler that loads the module doing its work when the command runs. */
const loaded =
  <A, E>(load: () => Promise<(flags: A) => Effect.Effect<void, E>>) =>
  (flags: A): Effect.Effect<void, E> =>
    Effect.flatMap(Effect.promise(load), (run) => run(flags))

/** `--format table|json|csv`; absent, it is `table` on a terminal and `json` otherwise (SPEC §2). */
const formatOption = Options.choice("format", ["table", "json", "csv"] as const).pipe(
  Options.withDescription("Output format (default: table on a terminal, json otherwise)"),
  Options.optional
)

const electionOption = Options.text("election").pipe(Options.withPseudoName("FILE"), Options.withDescription("The election definition (election.json)"))
const readerOption = Options.choice("reader", ["fast", "csv-parse"] as const).pipe(
  Options.withDescription("CSV reader for protocols and registry: the fast byte scanner (default) or csv-parse (the reference, slower)"),
  Options.withDefault("fast" as const)
)
const langOption = Options.choice("lang", languages).pipe(
  Options.withDescription("Language of the table and report.html: en, ru or ky (default: election.json's lang, else en); JSON and CSV never change"),
  Options.optional
)
const allOption = Options.boolean("all").pipe(Options.withDescription("Show every finding and precinct in the table, not only the first ones"))

const validateFlags = {
  election: electionOption,
  protocols: Args.text({ name: "PROTOCOLS.csv" }).pipe(Args.withDescription("Protocol files"), Args.atLeast(1)),
  format: formatOption,
  reader: readerOption,
  lang: langOption,
  all: allOption
}
/** What `kenesh validate` is given. */
export type ValidateFlags = Command.Command.ParseConfig<typeof validateFlags>

/** `kenesh validate --election E.json PROTOCOLS.csv...`: the findings; exit 1 when any is an error. */
export const validateCommand = Command.make(
  "validate",
  validateFlags,
  loaded(() => import("./tally.js").then((m) => m.runValidate))
).pipe(Command.withDescription("Decode and check the protocols; print the findings"))

const tallyFlags = {
  election: electionOption.pipe(Options.optional),
  protocols: Args.text({ name: "PROTOCOLS.csv" }).pipe(Args.withDescription("Protocol files"), Args.repeated),
  store: Options.text("store").pipe(Options.withPseudoName("FILE"), Options.withDescription("Tally what a kenesh serve store holds (its election and protocols), offline"), Options.optional),
  out: Options.text("out").pipe(Options.withPseudoName("DIR"), Options.withDescription("Write result.json, summary.csv, seats.csv, findings.csv and report.html here"), Options.optional),
  format: formatOption,
  reader: readerOption,
  lang: langOption,
  all: allOption
}
/** What `kenesh tally` is given. */
export type TallyFlags = Command.Command.ParseConfig<typeof tallyFlags>

/** `kenesh tally --election E.json PROTOCOLS.csv... [--out DIR]` or `kenesh tally --store FILE`: the whole result. */
export const tallyCommand = Command.make(
  "tally",
  tallyFlags,
  loaded(() => import("./tally.js").then((m) => m.runTally))
).pipe(Command.withDescription("Validate, add up precinct → territory → election, allocate the seats"))

const allocateFlags = {
  results: Args.text({ name: "RESULTS.csv" }).pipe(Args.withDescription("Totals: party,votes or candidate,votes[,gender]")),
  seats: Options.text("seats").pipe(Options.withPseudoName("N"), Options.withDescription("Seats to allocate, 1 to 1000")),
  system: Options.choice("system", ["proportional", "majoritarian"] as const).pipe(
    Options.withDescription("Default: from the results header (party or candidate)"),
    Options.optional
  ),
  method: Options.choice("method", methods).pipe(
    Options.withDescription("Analyst's method (without it, the statutory rules of --edition apply: threshold, Hare, against-all and reserve rules)"),
    Options.optional
  ),
  compare: Options.text("compare").pipe(
    Options.withPseudoName("METHODS"),
    Options.withDescription("Allocate by each method of METHODS (M1,M2,... or all) and show them side by side"),
    Options.optional
  ),
  threshold: Options.text("threshold").pipe(Options.withPseudoName("PCT"), Options.withDescription("Threshold as a decimal percent, e.g. 7 or 0.5"), Options.optional),
  thresholdOp: Options.choice("threshold-op", ["gt", "ge"] as const).pipe(Options.withDescription("gt: more than; ge: at least"), Options.optional),
  participants: Options.text("participants").pipe(
    Options.withPseudoName("N"),
    Options.withDescription("Voters who took part, the threshold base (default: rows + --against-all + --invalid)"),
    Options.optional
  ),
  againstAll: Options.text("against-all").pipe(Options.withPseudoName("N"), Options.withDescription('Votes "against all" (default 0)'), Options.optional),
  invalid: Options.text("invalid").pipe(Options.withPseudoName("N"), Options.withDescription("Invalid ballots (default 0)"), Options.optional),
  edition: Options.choice("edition", ["2011", "2024"] as const).pipe(Options.withDescription("Text of the law (default 2024)"), Options.optional),
  tie: Options.choice("tie", ["lot", "votes"] as const).pipe(Options.withDescription("Equal claims: lot (default) or more votes first"), Options.optional),
  lot: Options.text("lot").pipe(Options.withPseudoName("IDS"), Options.withDescription("Winners of a drawing of lots, ID,... (repeat for several drawings)"), Options.repeated),
  reservedForWomen: Options.text("reserved-for-women").pipe(Options.withPseudoName("N"), Options.withDescription("Seats reserved for women (majoritarian)"), Options.optional),
  format: formatOption
}
/** What `kenesh allocate` is given. */
export type AllocateFlags = Command.Command.ParseConfig<typeof allocateFlags>

/** `kenesh allocate RESULTS.csv --seats N [...]`: allocates seats from totals; exit 0 when allocated, 1 when a lot is required or the election failed. */
export const allocateCommand = Command.make(
  "allocate",
  allocateFlags,
  loaded(() => import("./allocate.js").then((m) => m.runAllocate))
).pipe(Command.withDescription("Allocate seats from vote totals (results.csv), by the statutory rules or an analyst's method"))

const countOption = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description), Options.optional)

const generateFlags = {
  system: Options.choice("system", ["proportional", "majoritarian"] as const).pipe(
    Options.withDescription("proportional (city kenesh, party lists) or majoritarian (ayil kenesh, districts)")
  ),
  precincts: Options.text("precincts").pipe(Options.withPseudoName("N"), Options.withDescription("Number of precincts")),
  seed: Options.text("seed").pipe(Options.withPseudoName("S"), Options.withDescription("Any text or number; the same seed gives the same files")),
  out: Options.text("out").pipe(Options.withPseudoName("DIR"), Options.withDescription("Directory for election.json, precincts.csv, protocols.csv (and faults.json)")),
  parties: countOption("parties", "K", "Party lists (proportional; default 15)"),
  territories: countOption("territories", "T", "Territorial commissions (default min(50, ceil(N/20)))"),
  districts: countOption("districts", "D", "Districts (majoritarian; default min(50, ceil(N/3)))"),
  faultRate: Options.text("fault-rate").pipe(
    Options.withPseudoName("R"),
    Options.withDescription("Share of protocols that break one rule each, 0 to 1 (default 0); listed in faults.json"),
    Options.optional
  ),
  format: formatOption
}
/** What `kenesh generate` is given. */
export type GenerateFlags = Command.Command.ParseConfig<typeof generateFlags>

/** `kenesh generate --system S --precincts N --seed S --out DIR [--parties K] [--territories T] [--districts D] [--fault-rate R]`. */
export const generateCommand = Command.make(
  "generate",
  generateFlags,
  loaded(() => import("./generate.js").then((m) => m.runGenerate))
).pipe(Command.withDescription("Write a synthetic election (election.json, precincts.csv, protocols.csv, faults.json), deterministic for a seed"))

const serveFlags = {
  election: Options.text("election").pipe(Options.withDescription("The election definition (election.json)")),
  store: Options.text("store").pipe(Options.withDescription("The durable store (an SQLite file), created on first start")),
  host: Options.text("host").pipe(Options.withDescription("Address to listen on"), Options.withDefault("127.0.0.1")),
  port: Options.text("port").pipe(Options.withDescription("Port to listen on; 0 picks a free one"), Options.withDefault("8080")),
  tokenFile: Options.text("token-file").pipe(Options.withDescription("The bearer token for writes (default: beside the store); made with a random token if absent"), Options.optional),
  lang: Options.choice("lang", languages).pipe(Options.withDescription("Language of the live page: en, ru or ky (default: election.json's lang, else en)"), Options.optional)
}
/** What `kenesh serve` is given. */
export type ServeFlags = Command.Command.ParseConfig<typeof serveFlags>

/** `kenesh serve`: opens (or creates) the store, then answers requests until SIGINT or SIGTERM. */
export const serveCommand = Command.make(
  "serve",
  serveFlags,
  loaded(() => import("./serve.js").then((m) => m.runServe))
).pipe(Command.withDescription("The election-night service: a durable store, a write API for protocols and a live page"))

const submitFlags = {
  server: Options.text("server").pipe(Options.withDescription("The service's URL, e.g. http://127.0.0.1:8080")),
  tokenFile: Options.text("token-file").pipe(Options.withDescription("The file holding the service's token (default: $KENESH_TOKEN)"), Options.optional),
  format: formatOption,
  files: Args.text({ name: "PROTOCOLS.csv" }).pipe(Args.withDescription("Protocol files"), Args.atLeast(1))
}
/** What `kenesh submit` is given. */
export type SubmitFlags = Command.Command.ParseConfig<typeof submitFlags>

/** `kenesh submit`: exit 0 when every row was stored or already there, 1 when the server refused some, 2 when the files, the token or the server are unusable. */
export const submitCommand = Command.make(
  "submit",
  submitFlags,
  loaded(() => import("./submit.js").then((m) => m.runSubmit))
).pipe(Command.withDescription("Send protocol files to a running kenesh serve; print what was stored, already there, or refused"))


/** Every command, in the order the overview lists them. */
export const commands = [validateCommand, tallyCommand, allocateCommand, generateCommand, serveCommand, submitCommand] as const
