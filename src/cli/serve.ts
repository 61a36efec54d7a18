/** `kenesh serve --election E.json --store FILE [--host] [--port] [--token-file] [--lang]` (SPEC §2, §6): the election-night service. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { InputError, UsageError } from "../ballot/problem.js"
import { openNight } from "../serve/night.js"
import { Service } from "../serve/server.js"
import { defaultTokenFile, loadOrCreateToken } from "../serve/token.js"
import type { ServeFlags } from "./commands.js"
import { parseCountFlag } from "./common.js"

/** `kenesh serve`: opens (or creates) the store, then answers requests until SIGINT or SIGTERM. */
export const runServe = ({ election, store, host, port, tokenFile, lang }: ServeFlags) =>
  Effect.gen(function* () {
    const portNumber = yield* parseCountFlag("port", port)
    if (portNumber > 65535) return yield* Effect.fail(new UsageError({ message: `--port must be from 0 to 65535, got ${port}` }))
    const night = openNight(store, election)
    if (Either.isLeft(night)) {
      const e = night.left
      return yield* Effect.fail("problems" in e ? new InputError(e) : new UsageError({ message: e.message }))
    }
    const { store: db, live } = night.right
    const file = Option.getOrElse(tokenFile, () => defaultTokenFile(store))
    const token = loadOrCreateToken(file)
    if ("error" in token) {
      db.close()
      return yield* Effect.fail(new UsageError({ message: token.error }))
    }
    if (token.created) process.stdout.write(`token written to ${file}\n`)
    const service = new Service({ store: db, live, token: token.token, lang: Option.getOrElse(lang, () => live.election.lang ?? "en") })
    const url = yield* Effect.tryPromise({
      try: () => service.listen(host, portNumber),
      catch: (e) => {
        db.close()
        return new UsageError({ message: `cannot listen on ${host}:${portNumber}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })
      }
    })
    process.stdout.write(`listening on ${url}\n`)
    yield* Effect.async<void>((resume) => {
      const stop = () => {
        process.off("SIGINT", stop)
        process.off("SIGTERM", stop)
        void service.close().then(() => resume(Effect.void))
      }
      process.on("SIGINT", stop)
      process.on("SIGTERM", stop)
    })
  })
