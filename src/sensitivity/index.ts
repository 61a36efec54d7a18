/** Sensitivity: could the precincts in question change the seats? Import as a namespace: `import * as Sensitivity from "../sensitivity/index.js"`. */
export {
  districtInput,
  listsInput,
  sensitivity,
  type BaseTotals,
  type ListedPrecinct,
  type PrecinctSensitivity,
  type Sensitivity,
  type Why,
  type Witness
} from "./sensitivity.js"
export { precinctsInQuestion, type PrecinctStates, type ProtocolOf } from "./in-question.js"
