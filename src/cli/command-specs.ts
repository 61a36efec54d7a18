// Written by scripts/build.mjs from the definitions in ./commands.ts, as ./command-spec.ts reads them: do not edit.
/** Every command's flags and arguments, in the order the overview lists them: what `route()` reads argv against. */
import type { CommandSpec } from "./arguments.js"

export const commandSpecs: ReadonlyArray<CommandSpec> = [
  {
    name: "validate",
    description: "Decode and check the protocols; print the findings",
    flags: [
      {"name":"election","value":"FILE","choices":null,"optional":false,"repeated":false,"description":"The election definition (election.json)"},
      {"name":"format","value":"table|json|csv","choices":["table","json","csv"],"optional":true,"repeated":false,"description":"Output format (default: table on a terminal, json otherwise)"},
      {"name":"reader","value":"fast|csv-parse","choices":["fast","csv-parse"],"optional":true,"repeated":false,"description":"CSV reader for protocols and registry: the fast byte scanner (default) or csv-parse (the reference, slower)"},
      {"name":"lang","value":"en|ru|ky","choices":["en","ru","ky"],"optional":true,"repeated":false,"description":"Language of the table and report.html: en, ru or ky (default: election.json's lang, else en); JSON and CSV never change"},
      {"name":"all","value":null,"choices":null,"optional":true,"repeated":false,"description":"Show every finding and precinct in the table, not only the first ones"}
    ],
    args: [
      {"name":"PROTOCOLS.csv","many":true,"optional":false,"description":"Protocol files"}
    ]
  },
  {
    name: "tally",
    description: "Validate, add up precinct → territory → election, allocate the seats",
    flags: [
      {"name":"election","value":"FILE","choices":null,"optional":true,"repeated":false,"description":"The election definition (election.json)"},
      {"name":"store","value":"FILE","choices":null,"optional":true,"repeated":false,"description":"Tally what a kenesh serve store holds (its election and protocols), offline"},
      {"name":"out","value":"DIR","choices":null,"optional":true,"repeated":false,"description":"Write result.json, summary.csv, seats.csv, findings.csv and report.html here"},
      {"name":"format","value":"table|json|csv","choices":["table","json","csv"],"optional":true,"repeated":false,"description":"Output format (default: table on a terminal, json otherwise)"},
      {"name":"reader","value":"fast|csv-parse","choices":["fast","csv-parse"],"optional":true,"repeated":false,"description":"CSV reader for protocols and registry: the fast byte scanner (default) or csv-parse (the reference, slower)"},
      {"name":"lang","value":"en|ru|ky","choices":["en","ru","ky"],"optional":true,"repeated":false,"description":"Language of the table and report.html: en, ru or ky (default: election.json's lang, else en); JSON and CSV never change"},
      {"name":"all","value":null,"choices":null,"optional":true,"repeated":false,"description":"Show every finding and precinct in the table, not only the first ones"}
    ],
    args: [
      {"name":"PROTOCOLS.csv","many":true,"optional":true,"description":"Protocol files"}
    ]
  },
  {
    name: "allocate",
    description: "Allocate seats from vote totals (results.csv), by the statutory rules or an analyst's method",
    flags: [
      {"name":"seats","value":"N","choices":null,"optional":false,"repeated":false,"description":"Seats to allocate, 1 to 1000"},
      {"name":"system","value":"proportional|majoritarian","choices":["proportional","majoritarian"],"optional":true,"repeated":false,"description":"Default: from the results header (party or candidate)"},
      {"name":"method","value":"hare|droop|dhondt|sainte-lague|modified-sainte-lague|imperiali|huntington-hill|adams|dean","choices":["hare","droop","dhondt","sainte-lague","modified-sainte-lague","imperiali","huntington-hill","adams","dean"],"optional":true,"repeated":false,"description":"Analyst's method (without it, the statutory rules of --edition apply: threshold, Hare, against-all and reserve rules)"},
      {"name":"compare","value":"METHODS","choices":null,"optional":true,"repeated":false,"description":"Allocate by each method of METHODS (M1,M2,... or all) and show them side by side"},
      {"name":"threshold","value":"PCT","choices":null,"optional":true,"repeated":false,"description":"Threshold as a decimal percent, e.g. 7 or 0.5"},
      {"name":"threshold-op","value":"gt|ge","choices":["gt","ge"],"optional":true,"repeated":false,"description":"gt: more than; ge: at least"},
      {"name":"participants","value":"N","choices":null,"optional":true,"repeated":false,"description":"Voters who took part, the threshold base (default: rows + --against-all + --invalid)"},
      {"name":"against-all","value":"N","choices":null,"optional":true,"repeated":false,"description":"Votes \"against all\" (default 0)"},
      {"name":"invalid","value":"N","choices":null,"optional":true,"repeated":false,"description":"Invalid ballots (default 0)"},
      {"name":"edition","value":"2011|2024","choices":["2011","2024"],"optional":true,"repeated":false,"description":"Text of the law (default 2024)"},
      {"name":"tie","value":"lot|votes","choices":["lot","votes"],"optional":true,"repeated":false,"description":"Equal claims: lot (default) or more votes first"},
      {"name":"lot","value":"IDS","choices":null,"optional":true,"repeated":true,"description":"Winners of a drawing of lots, ID,... (repeat for several drawings)"},
      {"name":"reserved-for-women","value":"N","choices":null,"optional":true,"repeated":false,"description":"Seats reserved for women (majoritarian)"},
      {"name":"format","value":"table|json|csv","choices":["table","json","csv"],"optional":true,"repeated":false,"description":"Output format (default: table on a terminal, json otherwise)"}
    ],
    args: [
      {"name":"RESULTS.csv","many":false,"optional":false,"description":"Totals: party,votes or candidate,votes[,gender]"}
    ]
  },
  {
    name: "generate",
    description: "Write a synthetic election (election.json, precincts.csv, protocols.csv, faults.json), deterministic for a seed",
    flags: [
      {"name":"system","value":"proportional|majoritarian","choices":["proportional","majoritarian"],"optional":false,"repeated":false,"description":"proportional (city kenesh, party lists) or majoritarian (ayil kenesh, districts)"},
      {"name":"precincts","value":"N","choices":null,"optional":false,"repeated":false,"description":"Number of precincts"},
      {"name":"seed","value":"S","choices":null,"optional":false,"repeated":false,"description":"Any text or number; the same seed gives the same files"},
      {"name":"out","value":"DIR","choices":null,"optional":false,"repeated":false,"description":"Directory for election.json, precincts.csv, protocols.csv (and faults.json)"},
      {"name":"parties","value":"K","choices":null,"optional":true,"repeated":false,"description":"Party lists (proportional; default 15)"},
      {"name":"territories","value":"T","choices":null,"optional":true,"repeated":false,"description":"Territorial commissions (default min(50, ceil(N/20)))"},
      {"name":"districts","value":"D","choices":null,"optional":true,"repeated":false,"description":"Districts (majoritarian; default min(50, ceil(N/3)))"},
      {"name":"fault-rate","value":"R","choices":null,"optional":true,"repeated":false,"description":"Share of protocols that break one rule each, 0 to 1 (default 0); listed in faults.json"},
      {"name":"format","value":"table|json|csv","choices":["table","json","csv"],"optional":true,"repeated":false,"description":"Output format (default: table on a terminal, json otherwise)"}
    ],
    args: []
  },
  {
    name: "serve",
    description: "The election-night service: a durable store, a write API for protocols and a live page",
    flags: [
      {"name":"election","value":"text","choices":null,"optional":false,"repeated":false,"description":"The election definition (election.json)"},
      {"name":"store","value":"text","choices":null,"optional":false,"repeated":false,"description":"The durable store (an SQLite file), created on first start"},
      {"name":"host","value":"text","choices":null,"optional":true,"repeated":false,"description":"Address to listen on"},
      {"name":"port","value":"text","choices":null,"optional":true,"repeated":false,"description":"Port to listen on; 0 picks a free one"},
      {"name":"token-file","value":"text","choices":null,"optional":true,"repeated":false,"description":"The bearer token for writes (default: beside the store); made with a random token if absent"},
      {"name":"lang","value":"en|ru|ky","choices":["en","ru","ky"],"optional":true,"repeated":false,"description":"Language of the live page: en, ru or ky (default: election.json's lang, else en)"}
    ],
    args: []
  },
  {
    name: "submit",
    description: "Send protocol files to a running kenesh serve; print what was stored, already there, or refused",
    flags: [
      {"name":"server","value":"text","choices":null,"optional":false,"repeated":false,"description":"The service's URL, e.g. http://127.0.0.1:8080"},
      {"name":"token-file","value":"text","choices":null,"optional":true,"repeated":false,"description":"The file holding the service's token (default: $KENESH_TOKEN)"},
      {"name":"format","value":"table|json|csv","choices":["table","json","csv"],"optional":true,"repeated":false,"description":"Output format (default: table on a terminal, json otherwise)"}
    ],
    args: [
      {"name":"PROTOCOLS.csv","many":true,"optional":false,"description":"Protocol files"}
    ]
  }
]
