import { isCluster } from '../targets/registry.js'
import type { TargetDefinition } from '../targets/target.js'
import { s1Fanout } from './s1-fanout.js'
import { s2ManyRooms } from './s2-many-rooms.js'
import { s3Burst } from './s3-burst.js'
import { s4Saturation } from './s4-saturation.js'
import { s5ColdLoad } from './s5-cold-load.js'
import { s6Unload } from './s6-unload.js'
import { s7CrossNode } from './s7-cross-node.js'
import { s8ClusterThroughput } from './s8-cluster-throughput.js'
import { s9LargePlan } from './s9-large-plan.js'
import { s10Keystroke } from './s10-keystroke.js'
import type { Scenario } from './scenario.js'

export const SCENARIOS: readonly Scenario[] = [
  s1Fanout,
  s2ManyRooms,
  s3Burst,
  s4Saturation,
  s5ColdLoad,
  s6Unload,
  s7CrossNode,
  s8ClusterThroughput,
  s9LargePlan,
  s10Keystroke,
]

/** Whether a scenario runs on a target: its own rule, and clusters only with cluster scenarios. */
export const scenarioApplies = (scenario: Scenario, target: TargetDefinition): boolean =>
  scenario.appliesTo(target) && (scenario.cluster === true) === isCluster(target)
