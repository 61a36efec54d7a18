/** Names for synthetic parties and candidates, drawn from common Kyrgyz names. */
import type { Random } from "./random.js"

const partyNames: ReadonlyArray<readonly [string, string]> = [
  ["ata-jurt", "Ata-Jurt Kyrgyzstan"],
  ["ishenim", "Ishenim"],
  ["yntymak", "Yntymak"],
  ["mekenim", "Mekenim Kyrgyzstan"],
  ["el-aman", "El Aman"],
  ["eldik", "Eldik"],
  ["respublika", "Respublika"],
  ["butun", "Butun Kyrgyzstan"],
  ["ar-namys", "Ar-Namys"],
  ["onuguu", "Onuguu-Progress"],
  ["sdpk", "SDPK"],
  ["ata-meken", "Ata-Meken"],
  ["bir-bol", "Bir Bol"],
  ["zamandash", "Zamandash"],
  ["kyrgyzstan", "Kyrgyzstan"],
  ["yiman-nuru", "Yiman Nuru"],
  ["meken-yntymagy", "Meken Yntymagy"],
  ["reforma", "Reforma"],
  ["emgek", "Emgek"],
  ["social-democrats", "Social Democrats"]
]

const maleNames = [
  "Aibek", "Almaz", "Askar", "Azamat", "Bakyt", "Bolot", "Chyngyz", "Daniyar", "Emil", "Erlan",
  "Kanat", "Kubanychbek", "Marat", "Mirlan", "Nurlan", "Ruslan", "Talant", "Temir", "Ulan", "Zhyrgalbek"
]

const femaleNames = [
  "Aida", "Aigul", "Ainura", "Aizada", "Asel", "Baktygul", "Begimai", "Cholpon", "Dinara", "Elmira",
  "Gulnara", "Jyldyz", "Kanykei", "Mairam", "Meerim", "Nazira", "Saltanat", "Tolgonai", "Zhazgul", "Zarina"
]

/** Surnames in their masculine form; the feminine adds "a" (Asanov, Asanova). */
const surnames = [
  "Abdrakhmanov", "Asanov", "Bekov", "Isakov", "Jumaliev", "Karimov", "Kasymov", "Mamatov", "Mambetov", "Nurmatov",
  "Omurov", "Osmonov", "Sadykov", "Sultanov", "Sydykov", "Tashiev", "Toktogulov", "Tokonov", "Turdumatov", "Usenov"
]

/** The id and name of the party at a 0-based position: real party names first, then "Party 21" and on. */
export const party = (index: number): { readonly id: string; readonly name: string } => {
  const known = partyNames[index]
  if (known !== undefined) return { id: known[0], name: known[1] }
  const number = String(index + 1).padStart(2, "0")
  return { id: `p${number}`, name: `Party ${number}` }
}

/** A full name for a person of the given gender. */
export const personName = (random: Random, gender: "F" | "M"): string => {
  const given = gender === "F" ? femaleNames : maleNames
  const surname = surnames[random.below(surnames.length)]
  return `${given[random.below(given.length)]} ${gender === "F" ? surname + "a" : surname}`
}
